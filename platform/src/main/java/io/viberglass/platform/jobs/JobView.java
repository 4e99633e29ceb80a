package io.viberglass.platform.jobs;

import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A job as the API shows it. The detail view adds progress (newest first) and the last log lines (oldest first);
 * lists leave them out.
 */
public record JobView(
        UUID id,
        JobKind kind,
        JobStatus status,
        UUID projectId,
        UUID ticketId,
        UUID clankerId,
        int attempt,
        UUID retryOf,
        String invoker,
        Failure failure,
        String branch,
        String commitHash,
        String pullRequestUrl,
        JobResult result,
        Instant createdAt,
        Instant dispatchedAt,
        Instant startedAt,
        Instant lastHeartbeatAt,
        Instant finishedAt,
        List<JobProgress> progress,
        List<JobLog> logs) {

    /** Why it failed, with the sentence a user sees. */
    public record Failure(String code, String summary, String technicalDetail, boolean retryable) {}

    static JobView summary(Job job) {
        return of(job, null, null);
    }

    static JobView of(Job job, List<JobProgress> progress, List<JobLog> logs) {
        Failure failure = job.failureCode() == null
                ? null
                : new Failure(
                        job.failureCode(),
                        job.failureSummary(),
                        job.failureDetail(),
                        Boolean.TRUE.equals(job.failureRetryable()));
        return new JobView(
                job.id(),
                job.kind(),
                job.status(),
                job.projectId(),
                job.ticketId(),
                job.clankerId(),
                job.attempt(),
                job.retryOf(),
                job.invoker(),
                failure,
                job.branch(),
                job.commitHash(),
                job.pullRequestUrl(),
                job.result(),
                job.createdAt(),
                job.dispatchedAt(),
                job.startedAt(),
                job.lastHeartbeatAt(),
                job.finishedAt(),
                progress,
                logs);
    }
}
