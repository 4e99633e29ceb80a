package io.viberglass.platform.jobs;

import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.JobStatus;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.json.Json;

/**
 * A row of {@code jobs}: one worker run. The payload holds no secrets; the callback token is stored only as a hash and
 * is minted anew for each dispatch.
 */
public record Job(
        UUID id,
        JobKind kind,
        JobStatus status,
        UUID projectId,
        UUID ticketId,
        UUID clankerId,
        String tenantId,
        @Json JobPayload payload,
        int attempt,
        UUID retryOf,
        String callbackTokenHash,
        Instant claimedAt,
        String claimedBy,
        Instant dispatchedAt,
        int invocationAttempts,
        Instant nextInvocationAt,
        String invoker,
        String executionId,
        Instant cancelRequestedAt,
        @Json JobResult result,
        String failureCode,
        String failureSummary,
        String failureDetail,
        Boolean failureRetryable,
        String branch,
        String commitHash,
        String pullRequestUrl,
        Instant createdAt,
        Instant startedAt,
        Instant lastHeartbeatAt,
        Instant finishedAt,
        Instant updatedAt) {}
