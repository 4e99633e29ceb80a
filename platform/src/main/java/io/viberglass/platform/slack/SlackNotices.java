package io.viberglass.platform.slack;

import io.viberglass.platform.infra.json.JsonText;
import java.time.Clock;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Queues what is to be said in a thread, in the caller's transaction or in one of its own. */
public class SlackNotices {
    private final Jdbi jdbi;
    private final Clock clock;
    private final JsonText json;

    public SlackNotices(Jdbi jdbi, Clock clock, JsonText json) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.json = json;
    }

    public void queue(Handle handle, UUID threadId, SlackOutboxKind kind, SlackPost post) {
        handle.attach(SlackThreadDao.class)
                .queue(UUID.randomUUID(), threadId, kind.wire(), json.write(post), clock.instant());
    }

    public void queue(UUID threadId, SlackOutboxKind kind, SlackPost post) {
        jdbi.useHandle(handle -> queue(handle, threadId, kind, post));
    }

    public void say(UUID threadId, String text) {
        queue(threadId, SlackOutboxKind.MESSAGE, SlackPost.message(text));
    }

    public void tell(UUID threadId, String user, String text) {
        queue(threadId, SlackOutboxKind.EPHEMERAL, SlackPost.ephemeral(user, text));
    }
}
