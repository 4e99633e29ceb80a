package io.viberglass.platform.jobs;

import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.JobStatus;
import io.viberglass.common.job.LogBatch;
import io.viberglass.common.job.LogEntry;
import io.viberglass.common.job.ProgressUpdate;
import io.viberglass.common.security.SecretRedactor;
import io.viberglass.common.security.Tokens;
import io.viberglass.platform.infra.errors.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The worker's side of the API: payload fetch, progress (the heartbeat), logs and the result, each authenticated by
 * the job's callback token (compared as a hash, in constant time) and tenant.
 */
public class CallbackService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final JobLifecycle lifecycle;
    private final List<JobListener> listeners;
    private final Function<Job, SecretRedactor> redactors;
    private final WorkerPayload payloads;

    /**
     * @param redactors the redactor of a job, knowing its secret values: everything a worker sends is scrubbed again
     *     here, so a worker that failed to redact cannot put a secret into the database
     */
    public CallbackService(
            Jdbi jdbi,
            Clock clock,
            JobLifecycle lifecycle,
            List<JobListener> listeners,
            Function<Job, SecretRedactor> redactors,
            WorkerPayload payloads) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.lifecycle = lifecycle;
        this.listeners = List.copyOf(listeners);
        this.redactors = redactors;
        this.payloads = payloads;
    }

    public CallbackService(
            Jdbi jdbi,
            Clock clock,
            JobLifecycle lifecycle,
            List<JobListener> listeners,
            Function<Job, SecretRedactor> redactors) {
        this(jdbi, clock, lifecycle, listeners, redactors, WorkerPayload.STORED);
    }

    /** Without secrets to know, token shapes are still scrubbed. */
    public CallbackService(Jdbi jdbi, Clock clock, JobLifecycle lifecycle, List<JobListener> listeners) {
        this(jdbi, clock, lifecycle, listeners, job -> SecretRedactor.shapesOnly());
    }

    /** Hands the worker its payload and marks the job active; a second fetch (a duplicate worker) is refused. */
    public JobPayload bootstrap(CallbackCredentials caller) {
        return jdbi.inTransaction(handle -> {
            Job job = authenticate(handle, caller, true);
            Instant now = clock.instant();
            lifecycle.start(handle, job, Tokens.sha256Hex(caller.token()), now);
            listeners.forEach(listener -> listener.onStarted(handle, job, now));
            return payloads.of(handle, job);
        });
    }

    public CallbackReply progress(CallbackCredentials caller, ProgressUpdate update) {
        UUID jobId = caller.jobId();
        return jdbi.inTransaction(handle -> {
            Job job = authenticate(handle, caller, true);
            if (job.status() != JobStatus.ACTIVE) {
                throw JobLifecycle.terminalOrWrongState(job.status());
            }
            Instant now = clock.instant();
            handle.attach(JobDao.class).heartbeat(jobId, now);
            lifecycle.progress(
                    handle, jobId, update.step(), redactors.apply(job).redact(update.message()), update.details(), now);
            return new CallbackReply(jobId, job.status(), null);
        });
    }

    /**
     * Stores a batch of log lines in one statement. Lines that arrive after the result (the worker flushes its tail)
     * are stored too, so the log a user reads is complete. A numbered batch is stored once: the same number sent again
     * (the worker retried because the answer was lost, say to a platform restart) stores nothing and answers a count
     * of 0.
     */
    public CallbackReply logs(CallbackCredentials caller, LogBatch batch) {
        UUID jobId = caller.jobId();
        return jdbi.inTransaction(handle -> {
            Job job = authenticate(handle, caller, false);
            Instant now = clock.instant();
            List<LogEntry> lines = batch.logs();
            if (batch.sequence() != null
                    && handle.attach(JobDao.class).claimLogBatch(jobId, batch.sequence(), lines.size(), now) == 0) {
                return new CallbackReply(jobId, job.status(), 0);
            }
            SecretRedactor redactor = redactors.apply(job);
            int count = lines.size();
            String[] levels = new String[count];
            String[] messages = new String[count];
            String[] sources = new String[count];
            String[] loggedAts = new String[count];
            for (int i = 0; i < count; i++) {
                LogEntry line = lines.get(i);
                levels[i] = line.level().wire();
                messages[i] = redactor.redact(line.message());
                sources[i] = line.source();
                loggedAts[i] = (line.timestamp() == null ? now : line.timestamp()).toString();
            }
            handle.attach(JobDao.class).insertLogs(jobId, levels, messages, sources, loggedAts, now);
            return new CallbackReply(jobId, job.status(), lines.size());
        });
    }

    /** Finishes the job with the worker's result; a second result for a finished job is a conflict and changes nothing. */
    public CallbackReply result(CallbackCredentials caller, JobResult reported) {
        UUID jobId = caller.jobId();
        if (reported.success() != reported.outcome().isSuccessful()) {
            throw DomainException.invalid(
                    "RESULT_INCONSISTENT",
                    "success",
                    "must be " + reported.outcome().isSuccessful() + " for outcome "
                            + reported.outcome().wire());
        }
        return jdbi.inTransaction(handle -> {
            Job job = authenticate(handle, caller, false);
            Instant now = clock.instant();
            JobResult result = redacted(redactors.apply(job), reported);
            if (result.success()) {
                lifecycle.complete(handle, job, result, now);
                listeners.forEach(listener -> listener.onCompleted(handle, job, result, now));
                return new CallbackReply(jobId, JobStatus.COMPLETED, null);
            }
            JobFailure failure = FailureClassifier.classify(result);
            lifecycle.fail(handle, job, failure, result, now);
            listeners.forEach(listener -> listener.onFailed(handle, job, failure, result, now));
            return new CallbackReply(jobId, JobStatus.FAILED, null);
        });
    }

    private static JobResult redacted(SecretRedactor redactor, JobResult result) {
        return new JobResult(
                result.success(),
                result.outcome(),
                redactor.redact(result.errorMessage()),
                result.branch(),
                result.commitHash(),
                result.pullRequestUrl(),
                redactor.redact(result.documentContent()),
                result.changedFiles(),
                result.executionTimeMs(),
                result.usage());
    }

    /** The status of the job for a caller holding its token, used to answer a refused callback with the cancel flag. */
    public JobStatus statusFor(CallbackCredentials caller) {
        return jdbi.inTransaction(handle -> authenticate(handle, caller, false).status());
    }

    /**
     * The job a callback is for, when {@code token} is its callback token and {@code tenant} (if sent) its tenant; the
     * one check every worker callback goes through (the session callbacks too).
     */
    public static Job authenticate(Handle handle, CallbackCredentials caller, boolean lock) {
        UUID jobId = caller.jobId();
        String token = caller.token();
        String tenant = caller.tenant();
        if (token == null || token.isBlank()) {
            throw DomainException.unauthorized("Missing callback token");
        }
        JobDao dao = handle.attach(JobDao.class);
        Job job = (lock ? dao.findForUpdate(jobId) : dao.find(jobId))
                .orElseThrow(() -> DomainException.notFound("JOB_NOT_FOUND", "Job " + jobId + " not found"));
        if (job.callbackTokenHash() == null || !Tokens.matchesHash(token, job.callbackTokenHash())) {
            throw DomainException.unauthorized("Invalid callback token");
        }
        if (tenant != null && !tenant.isBlank() && !tenant.equals(job.tenantId())) {
            throw DomainException.forbidden("TENANT_MISMATCH", "Access denied");
        }
        return job;
    }
}
