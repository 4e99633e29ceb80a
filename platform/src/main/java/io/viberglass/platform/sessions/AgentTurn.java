package io.viberglass.platform.sessions;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code agent_turns}: a person's message (role user, consumed by the assistant turn that took it as its
 * prompt) or one run of the agent (role assistant, one job).
 */
public record AgentTurn(
        UUID id,
        UUID sessionId,
        TurnRole role,
        TurnStatus status,
        int sequence,
        String contentMarkdown,
        UUID jobId,
        UUID userId,
        String userName,
        UUID consumedByTurnId,
        Instant startedAt,
        Instant completedAt,
        Instant createdAt,
        Instant updatedAt) {}
