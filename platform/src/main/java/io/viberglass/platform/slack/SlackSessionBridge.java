package io.viberglass.platform.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.lifecycle.Managed;
import io.viberglass.platform.infra.lifecycle.PollingLoop;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells ticket threads what their live sessions do. Each pass takes the threads whose session moved on (row-locked, so
 * replicas share the work), turns the new events into outbox posts and moves the thread's cursor in the same
 * transaction: after a restart the bridge resumes exactly where the thread was told up to.
 */
public class SlackSessionBridge implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(SlackSessionBridge.class);
    static final int PAGE = 200;
    private static final int THREADS_PER_PASS = 20;

    private final Jdbi jdbi;
    private final SlackNotices notices;
    private final ObjectMapper mapper;
    private final Duration interval;
    private final PollingLoop loop = new PollingLoop("slack-session-bridge", this::passSafely);

    public SlackSessionBridge(Jdbi jdbi, SlackNotices notices, ObjectMapper mapper, Duration interval) {
        this.jdbi = jdbi;
        this.notices = notices;
        this.mapper = mapper;
        this.interval = interval;
    }

    @Override
    public void start() {
        loop.start(interval);
    }

    @Override
    public void stop() throws InterruptedException {
        loop.stop(Duration.ofSeconds(5));
    }

    private void passSafely() {
        try {
            pass();
        } catch (RuntimeException e) {
            LOG.warn("Slack session bridge pass failed: {}", e.getMessage());
        }
    }

    /** Tells every thread that is behind what is new; returns how many posts were queued. */
    public int pass() {
        return jdbi.inTransaction(handle -> {
            SlackSessionDao dao = handle.attach(SlackSessionDao.class);
            int queued = 0;
            for (SlackSessionDao.Behind thread : dao.lockBehind(THREADS_PER_PASS)) {
                List<SlackSessionDao.Event> events = dao.eventsAfter(thread.sessionId(), thread.sessionCursor(), PAGE);
                SessionThreadPosts.Told told = SessionThreadPosts.tell(
                        thread.sessionId(), events, thread.sessionCursor(), events.size() == PAGE, mapper);
                for (SlackPost post : told.posts()) {
                    notices.queue(handle, thread.threadId(), SlackOutboxKind.MESSAGE, post);
                }
                if (told.cursor() != thread.sessionCursor()) {
                    dao.told(thread.threadId(), told.cursor());
                }
                queued += told.posts().size();
            }
            return queued;
        });
    }
}
