package io.viberglass.platform.feedback;

import java.time.Instant;
import java.util.UUID;

/** One entry of a target's delivery history. */
public record OutboxView(
        UUID id,
        FeedbackEventType eventType,
        String status,
        int attempts,
        Instant nextAttemptAt,
        Integer responseStatus,
        String lastError,
        UUID ticketId,
        UUID jobId,
        Instant createdAt,
        Instant deliveredAt) {

    static OutboxView of(OutboxEntry entry) {
        return new OutboxView(
                entry.id(),
                entry.eventType(),
                entry.status(),
                entry.attempts(),
                entry.status().equals("pending") ? entry.nextAttemptAt() : null,
                entry.responseStatus(),
                entry.lastError(),
                entry.ticketId(),
                entry.jobId(),
                entry.createdAt(),
                entry.deliveredAt());
    }
}
