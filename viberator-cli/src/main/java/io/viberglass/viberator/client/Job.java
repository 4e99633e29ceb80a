package io.viberglass.viberator.client;

import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A run (job) as the client shows it ({@code runs show --json}); lists leave {@code progress} out. */
public record Job(
        UUID id,
        JobKind kind,
        JobStatus status,
        UUID projectId,
        UUID ticketId,
        UUID clankerId,
        int attempt,
        Failure failure,
        String branch,
        String commitHash,
        String pullRequestUrl,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        List<Progress> progress) {

    /** Why a run failed, with the sentence a user sees. */
    public record Failure(String code, String summary, String technicalDetail, boolean retryable) {}

    /** A step the worker reported, newest first. */
    public record Progress(String step, String message, Instant createdAt) {}

    /** The newest progress step, or null. */
    public Progress latestProgress() {
        return progress == null || progress.isEmpty() ? null : progress.get(0);
    }
}
