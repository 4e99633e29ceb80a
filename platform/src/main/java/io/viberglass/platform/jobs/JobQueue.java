package io.viberglass.platform.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.JobStatus;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.json.JsonText;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The one way jobs enter the system (API, webhooks, claws, Slack, MCP): a row in {@code queued}, inserted in one
 * transaction with its effects. Inserting fires the dispatch notification, so every queued job gets invoked.
 */
public class JobQueue {
    private final Jdbi jdbi;
    private final JsonText json;
    private final JobLifecycle lifecycle;
    private final List<QueueListener> listeners;

    /** Reacts to a job entering the queue, in the same transaction (a ticket moving to in progress). */
    public interface QueueListener {
        void onQueued(org.jdbi.v3.core.Handle handle, NewJob job, Instant now);
    }

    public record NewJob(
            UUID id,
            JobKind kind,
            UUID projectId,
            UUID ticketId,
            UUID clankerId,
            JobPayload payload,
            int attempt,
            UUID retryOf) {}

    public JobQueue(Jdbi jdbi, ObjectMapper mapper, JobLifecycle lifecycle, List<QueueListener> listeners) {
        this.jdbi = jdbi;
        this.json = new JsonText(mapper);
        this.lifecycle = lifecycle;
        this.listeners = List.copyOf(listeners);
    }

    public Job enqueue(NewJob job, Instant now) {
        return enqueue(job, now, handle -> {});
    }

    /** Enqueues and runs {@code alsoInTransaction} in the same transaction (a phase run's history row). */
    public Job enqueue(
            NewJob job, Instant now, java.util.function.Consumer<org.jdbi.v3.core.Handle> alsoInTransaction) {
        return jdbi.inTransaction(handle -> insert(handle, job, now, alsoInTransaction));
    }

    /**
     * Enqueues inside the caller's transaction (an interactive session's next turn is queued in the transaction that
     * locks the session, or in the one that finished the previous turn's job).
     */
    public Job enqueue(org.jdbi.v3.core.Handle handle, NewJob job, Instant now) {
        return insert(handle, job, now, h -> {});
    }

    private Job insert(
            org.jdbi.v3.core.Handle handle,
            NewJob job,
            Instant now,
            java.util.function.Consumer<org.jdbi.v3.core.Handle> alsoInTransaction) {
        {
            JobDao dao = handle.attach(JobDao.class);
            if (job.ticketId() != null) {
                // two runs of a ticket at once would fight over its branch or its document; one at a time per kind
                handle.execute("select pg_advisory_xact_lock(hashtext(?))", "ticket-run:" + job.ticketId());
                long running = dao.count(
                        null,
                        null,
                        job.ticketId(),
                        null,
                        List.of(JobStatus.QUEUED.wire(), JobStatus.ACTIVE.wire()),
                        List.of(job.kind().wire()));
                if (running > 0) {
                    throw DomainException.conflict(
                            "RUN_IN_PROGRESS",
                            "This ticket already has a " + job.kind().wire() + " run queued or running");
                }
            }
            dao.insert(
                    job.id(),
                    job.kind().wire(),
                    job.projectId(),
                    job.ticketId(),
                    job.clankerId(),
                    job.payload().tenantId(),
                    json.write(job.payload()),
                    job.attempt(),
                    job.retryOf(),
                    now);
            lifecycle.progress(handle, job.id(), "queued", "Waiting for a worker", Map.of(), now);
            alsoInTransaction.accept(handle);
            listeners.forEach(listener -> listener.onQueued(handle, job, now));
            return dao.find(job.id()).orElseThrow();
        }
    }
}
