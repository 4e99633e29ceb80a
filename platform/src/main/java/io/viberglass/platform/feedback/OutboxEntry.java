package io.viberglass.platform.feedback;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code feedback_outbox}: one event for one target, and how its delivery goes. */
public record OutboxEntry(
        UUID id,
        UUID targetId,
        FeedbackEventType eventType,
        UUID ticketId,
        UUID jobId,
        String body,
        String status,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Integer responseStatus,
        Instant deliveredAt,
        Instant createdAt) {}
