package io.viberglass.platform.sessions;

import io.viberglass.common.job.JobKind;
import java.time.Instant;
import java.util.UUID;

/** A session as the API shows it. */
public record SessionView(
        UUID id,
        UUID projectId,
        UUID ticketId,
        UUID clankerId,
        JobKind mode,
        SessionStatus status,
        String title,
        UUID lastJobId,
        UUID lastTurnId,
        UUID latestPendingRequestId,
        long lastEventSequence,
        UUID createdBy,
        String createdByName,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt) {

    static SessionView of(AgentSession s) {
        return new SessionView(
                s.id(),
                s.projectId(),
                s.ticketId(),
                s.clankerId(),
                s.mode(),
                s.status(),
                s.title(),
                s.lastJobId(),
                s.lastTurnId(),
                s.latestPendingRequestId(),
                s.eventSequence(),
                s.createdBy(),
                s.createdByName(),
                s.createdAt(),
                s.updatedAt(),
                s.completedAt());
    }
}
