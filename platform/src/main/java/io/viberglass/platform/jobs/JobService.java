package io.viberglass.platform.jobs;

import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.JobStatus;
import io.viberglass.platform.access.ProjectScope;
import io.viberglass.platform.infra.api.Page;
import io.viberglass.platform.infra.errors.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/** What users do with runs: read them and their logs, cancel, retry, delete. */
public class JobService {
    static final int DETAIL_LOG_LINES = 500;
    static final int DETAIL_PROGRESS = 100;

    private final Jdbi jdbi;
    private final Clock clock;
    private final JobLifecycle lifecycle;
    private final JobQueue queue;
    private final List<JobListener> listeners;
    private final Consumer<UUID> stopExecution;

    /**
     * @param stopExecution stops the runtime of a cancelled job (the dispatcher's invoker); the worker also learns of
     *     the cancel at its next callback
     */
    public JobService(
            Jdbi jdbi,
            Clock clock,
            JobLifecycle lifecycle,
            JobQueue queue,
            List<JobListener> listeners,
            Consumer<UUID> stopExecution) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.lifecycle = lifecycle;
        this.queue = queue;
        this.listeners = List.copyOf(listeners);
        this.stopExecution = stopExecution;
    }

    public record Query(
            UUID projectId,
            UUID ticketId,
            UUID clankerId,
            List<JobStatus> statuses,
            List<JobKind> kinds,
            int limit,
            int offset,
            ProjectScope scope) {}

    public Page<JobView> list(Query query) {
        return jdbi.inTransaction(handle -> {
            JobDao dao = handle.attach(JobDao.class);
            List<String> statuses =
                    query.statuses().stream().map(JobStatus::wire).toList();
            List<String> kinds = query.kinds().stream().map(JobKind::wire).toList();
            return Page.of(
                            dao.list(
                                    query.scope().viewer(),
                                    query.projectId(),
                                    query.ticketId(),
                                    query.clankerId(),
                                    statuses,
                                    kinds,
                                    query.limit(),
                                    query.offset()),
                            query.limit(),
                            query.offset(),
                            dao.count(
                                    query.scope().viewer(),
                                    query.projectId(),
                                    query.ticketId(),
                                    query.clankerId(),
                                    statuses,
                                    kinds))
                    .map(JobView::summary);
        });
    }

    public JobView get(UUID id) {
        return jdbi.inTransaction(handle -> {
            JobDao dao = handle.attach(JobDao.class);
            Job job = dao.find(id).orElseThrow(() -> notFound(id));
            return JobView.of(job, dao.progress(id, DETAIL_PROGRESS), dao.logTail(id, DETAIL_LOG_LINES));
        });
    }

    public Job job(UUID id) {
        return jdbi.withExtension(JobDao.class, dao -> dao.find(id)).orElseThrow(() -> notFound(id));
    }

    public QueueStats stats(UUID projectId, ProjectScope scope) {
        return jdbi.withExtension(JobDao.class, dao -> dao.queueStats(projectId, scope.viewer()));
    }

    /** Log lines after {@code afterId} (oldest first): the client polls with the last id it has. */
    public List<JobLog> logs(UUID id, long afterId, int limit) {
        return jdbi.inTransaction(handle -> {
            JobDao dao = handle.attach(JobDao.class);
            dao.find(id).orElseThrow(() -> notFound(id));
            return dao.logsAfter(id, afterId, limit);
        });
    }

    public JobView cancel(UUID id, String by) {
        Job cancelled = jdbi.inTransaction(handle -> {
            JobDao dao = handle.attach(JobDao.class);
            Job job = dao.findForUpdate(id).orElseThrow(() -> notFound(id));
            Instant now = clock.instant();
            lifecycle.cancel(handle, job, by, now);
            JobFailure failure = new JobFailure(
                    io.viberglass.common.job.FailureCode.CANCELLED,
                    by == null ? "Run cancelled" : "Run cancelled by " + by,
                    null,
                    false);
            listeners.forEach(listener -> listener.onFailed(handle, job, failure, null, now));
            return job;
        });
        if (cancelled.dispatchedAt() != null || cancelled.status() == JobStatus.ACTIVE) {
            stopExecution.accept(id);
        }
        return get(id);
    }

    /** Runs a finished job again as a new attempt with the same payload. */
    public Job retry(UUID id) {
        Job previous = job(id);
        if (!previous.status().isTerminal()) {
            throw DomainException.conflict(
                    "JOB_NOT_FINISHED",
                    "Only a finished job can be retried; this one is "
                            + previous.status().wire());
        }
        if (previous.payload().isSessionTurn()) {
            throw DomainException.conflict(
                    "SESSION_TURN_NOT_RETRYABLE",
                    "This run is a turn of an agent session; send the session a message to run another turn");
        }
        UUID newId = UUID.randomUUID();
        JobPayload old = previous.payload();
        JobPayload payload = old.withJobId(newId.toString());
        return queue.enqueue(
                new JobQueue.NewJob(
                        newId,
                        previous.kind(),
                        previous.projectId(),
                        previous.ticketId(),
                        previous.clankerId(),
                        payload,
                        previous.attempt() + 1,
                        previous.id()),
                clock.instant());
    }

    public void delete(UUID id) {
        jdbi.useTransaction(handle -> {
            JobDao dao = handle.attach(JobDao.class);
            Job job = dao.find(id).orElseThrow(() -> notFound(id));
            if (dao.deleteFinished(id) == 0) {
                throw DomainException.conflict(
                        "JOB_NOT_FINISHED", "A " + job.status().wire() + " job cannot be deleted; cancel it first");
            }
        });
    }

    static DomainException notFound(UUID id) {
        return DomainException.notFound("JOB_NOT_FOUND", "Job " + id + " not found");
    }
}
