package io.viberglass.platform.slack;

import io.dropwizard.lifecycle.Managed;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.lifecycle.PollingLoop;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.phases.PhaseOrchestrator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the Slack outbox on every platform instance: one row per transaction, locked {@code FOR UPDATE SKIP
 * LOCKED}, only the oldest pending row of each thread (so a thread reads in order and its first message, which makes
 * the thread, goes out before the replies). A 429 waits Slack's Retry-After without using up an attempt; other
 * transient failures back off exponentially until the attempt limit; permanent ones are dead at once.
 */
public class SlackOutbox implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(SlackOutbox.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final SlackSettings settings;
    private final SlackApi slack;
    private final SlackNotices notices;
    private final PhaseOrchestrator orchestrator;
    private final SlackActors actors;
    private final ProjectAccess access;
    private final AuditLog audit;
    private final PollingLoop ticker = new PollingLoop("slack-outbox", this::tick);

    public SlackOutbox(
            Jdbi jdbi,
            Clock clock,
            SlackSettings settings,
            SlackApi slack,
            SlackNotices notices,
            PhaseOrchestrator orchestrator,
            SlackActors actors,
            ProjectAccess access,
            AuditLog audit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.settings = settings;
        this.slack = slack;
        this.notices = notices;
        this.orchestrator = orchestrator;
        this.actors = actors;
        this.access = access;
        this.audit = audit;
    }

    @Override
    public void start() {
        ticker.start(java.time.Duration.ofMillis(settings.getDeliveryInterval().toMilliseconds()));
    }

    @Override
    public void stop() throws InterruptedException {
        ticker.stop(java.time.Duration.ofSeconds(5));
    }

    private void tick() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.warn("Slack outbox tick failed: {}", e.getMessage());
        }
    }

    /** Delivers what is due now, up to a batch; returns how many rows were attempted. */
    public int deliverDue() {
        int attempted = 0;
        while (attempted < 50 && deliverOne()) {
            attempted++;
        }
        return attempted;
    }

    private boolean deliverOne() {
        return jdbi.inTransaction(handle -> {
            Instant now = clock.instant();
            SlackThreadDao dao = handle.attach(SlackThreadDao.class);
            List<SlackThreadDao.Outbound> due = dao.lockDue(now, 1);
            if (due.isEmpty()) {
                return false;
            }
            SlackThreadDao.Outbound row = due.get(0);
            SlackThread thread = dao.find(row.threadId()).orElseThrow();
            try {
                perform(handle, thread, row);
                dao.sent(row.id(), now);
            } catch (SlackCallException e) {
                record(dao, row, e, now);
            }
            return true;
        });
    }

    private void perform(Handle handle, SlackThread thread, SlackThreadDao.Outbound row) {
        SlackPost post = row.body();
        SlackOutboxKind kind = SlackOutboxKind.valueOf(row.kind().toUpperCase(java.util.Locale.ROOT));
        if (kind == SlackOutboxKind.OPEN_THREAD) {
            String ts = slack.postMessage(thread.channelId(), null, post.text(), post.blocks());
            handle.attach(SlackThreadDao.class).opened(thread.id(), ts, clock.instant());
            return;
        }
        if (thread.threadTs() == null) {
            throw new SlackCallException(
                    SlackCallException.Kind.PERMANENT, "The thread's first message was never posted", null);
        }
        switch (kind) {
            case MESSAGE -> slack.postMessage(thread.channelId(), thread.threadTs(), post.text(), post.blocks());
            case EPHEMERAL -> slack.postEphemeral(thread.channelId(), thread.threadTs(), post.user(), post.text());
            case FILE ->
                slack.uploadFile(thread.channelId(), thread.threadTs(), post.filename(), post.title(), post.content());
            case CHAIN -> chain(handle, thread, post);
            default -> throw new IllegalStateException("Unexpected outbox kind " + kind);
        }
    }

    /** The next phase of a chained thread; a refusal (no approver role, no plan) is said in the thread. */
    private void chain(Handle handle, SlackThread thread, SlackPost post) {
        String text;
        try {
            Actor actor = actors.byEmail(post.actor())
                    .orElseThrow(() -> DomainException.forbidden(
                            "SLACK_ACCOUNT_GONE", post.actor() + " no longer has an active account"));
            UUID projectId = access.requireTicket(actor, thread.ticketId(), ProjectPermission.APPROVE);
            audit.record(AuditEntry.by(actor, "slack.chain")
                    .project(projectId)
                    .target("ticket", thread.ticketId())
                    .detail("to", post.target().wire()));
            Job job = orchestrator.advanceAndRun(thread.ticketId(), thread.clankerId(), post.target(), actor.getName());
            handle.attach(SlackThreadDao.class).mode(thread.id(), post.target(), clock.instant());
            text = "_Chained: " + post.target().wire() + " run queued (job " + job.id() + ")._";
        } catch (DomainException e) {
            text = "*Could not chain to " + post.target().wire() + ":* " + SlackMessages.escape(e.getMessage());
        }
        notices.queue(handle, thread.id(), SlackOutboxKind.MESSAGE, SlackPost.message(text));
    }

    private void record(SlackThreadDao dao, SlackThreadDao.Outbound row, SlackCallException e, Instant now) {
        switch (e.kind()) {
            case RATE_LIMITED ->
                dao.failed(
                        row.id(),
                        "pending",
                        0,
                        now.plus(e.retryAfter().orElse(Duration.ofSeconds(30))),
                        e.getMessage());
            case TRANSIENT -> {
                int attempts = row.attempts() + 1;
                boolean dead = attempts >= settings.getMaxAttempts();
                Duration backoff = Duration.ofSeconds(Math.min(300, 1L << Math.min(attempts, 8)));
                dao.failed(row.id(), dead ? "dead" : "pending", 1, now.plus(backoff), e.getMessage());
            }
            case PERMANENT -> dao.failed(row.id(), "dead", 1, now, e.getMessage());
        }
        LOG.info("Slack outbox {} ({}) not delivered: {}", row.id(), row.kind(), e.getMessage());
    }
}
