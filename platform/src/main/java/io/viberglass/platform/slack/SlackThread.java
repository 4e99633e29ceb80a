package io.viberglass.platform.slack;

import io.viberglass.platform.tickets.WorkflowPhase;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code chat_ticket_threads}: the Slack thread that follows one ticket. */
public record SlackThread(
        UUID id,
        UUID ticketId,
        String teamId,
        String channelId,
        String threadTs,
        UUID clankerId,
        WorkflowPhase mode,
        String chainedBy,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {}
