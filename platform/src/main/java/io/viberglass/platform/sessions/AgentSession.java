package io.viberglass.platform.sessions;

import io.viberglass.common.job.JobKind;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code agent_sessions}. */
public record AgentSession(
        UUID id,
        UUID projectId,
        UUID ticketId,
        UUID clankerId,
        JobKind mode,
        SessionStatus status,
        String title,
        String acpSessionId,
        UUID lastJobId,
        UUID lastTurnId,
        UUID latestPendingRequestId,
        long eventSequence,
        int turnSequence,
        UUID createdBy,
        String createdByName,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt) {}
