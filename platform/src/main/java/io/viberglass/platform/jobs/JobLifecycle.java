package io.viberglass.platform.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.JobStatus;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.json.JsonText;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The job status machine ({@code queued → active → completed | failed | cancelled}): the one class that moves a job
 * between states. Each move is a conditional UPDATE; when it finds no row in an allowed state, the job had already
 * moved (a racing callback, a sweeper, a cancel) and the caller gets a conflict naming the state it is in.
 */
public final class JobLifecycle {
    private final JsonText json;

    public JobLifecycle(ObjectMapper mapper) {
        this.json = new JsonText(mapper);
    }

    /** The worker fetched its payload: queued → active. Only the holder of the current callback token can. */
    public void start(Handle handle, Job job, String tokenHash, Instant now) {
        requireMove(job, JobStatus.ACTIVE);
        if (dao(handle).start(job.id(), tokenHash, now) == 0) {
            throw alreadyMoved(handle, job.id());
        }
        progress(handle, job.id(), "started", "Worker started", Map.of(), now);
    }

    /** The worker reported success: active → completed. */
    public void complete(Handle handle, Job job, JobResult result, Instant now) {
        requireMove(job, JobStatus.COMPLETED);
        if (dao(handle)
                        .complete(
                                job.id(),
                                json(result),
                                result.branch(),
                                result.commitHash(),
                                result.pullRequestUrl(),
                                now)
                == 0) {
            throw alreadyMoved(handle, job.id());
        }
    }

    /** The run failed (worker result, invocation, sweeper): queued or active → failed. */
    public void fail(Handle handle, Job job, JobFailure failure, JobResult result, Instant now) {
        requireMove(job, JobStatus.FAILED);
        if (dao(handle)
                        .fail(
                                job.id(),
                                result == null ? null : json(result),
                                failure.code().wire(),
                                failure.summary(),
                                failure.technicalDetail(),
                                failure.retryable(),
                                result == null ? null : result.branch(),
                                now)
                == 0) {
            throw alreadyMoved(handle, job.id());
        }
        progress(
                handle,
                job.id(),
                "failed",
                failure.summary(),
                Map.of("code", failure.code().wire()),
                now);
    }

    /** A user cancelled: queued or active → cancelled. */
    public void cancel(Handle handle, Job job, String by, Instant now) {
        requireMove(job, JobStatus.CANCELLED);
        String summary = by == null ? "Run cancelled" : "Run cancelled by " + by;
        if (dao(handle).cancel(job.id(), summary, now) == 0) {
            throw alreadyMoved(handle, job.id());
        }
        progress(handle, job.id(), "cancelled", summary, Map.of(), now);
    }

    public void progress(
            Handle handle, UUID jobId, String step, String message, Map<String, Object> details, Instant now) {
        dao(handle).insertProgress(jobId, step, message, json(details), now);
    }

    private static void requireMove(Job job, JobStatus next) {
        if (!job.status().canMoveTo(next)) {
            throw terminalOrWrongState(job.status());
        }
    }

    private static DomainException alreadyMoved(Handle handle, UUID id) {
        JobStatus now = dao(handle).find(id).map(Job::status).orElse(null);
        if (now == null) {
            return DomainException.notFound("JOB_NOT_FOUND", "Job " + id + " not found");
        }
        return terminalOrWrongState(now);
    }

    static DomainException terminalOrWrongState(JobStatus status) {
        if (status.isTerminal()) {
            return DomainException.conflict("JOB_TERMINAL", "Job already in terminal state: " + status.wire());
        }
        return DomainException.conflict("JOB_WRONG_STATE", "Job is " + status.wire());
    }

    private static JobDao dao(Handle handle) {
        return handle.attach(JobDao.class);
    }

    private String json(Object value) {
        return json.write(value);
    }
}
