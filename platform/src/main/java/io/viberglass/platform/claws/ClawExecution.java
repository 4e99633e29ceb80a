package io.viberglass.platform.claws;

import java.time.Instant;
import java.util.UUID;

/** One firing of a schedule: its slot, its job, how it ended. */
public record ClawExecution(
        UUID id,
        UUID scheduleId,
        UUID jobId,
        Instant slotAt,
        String status,
        Instant startedAt,
        Instant completedAt,
        String errorMessage,
        String pullRequestUrl,
        Instant createdAt) {}
