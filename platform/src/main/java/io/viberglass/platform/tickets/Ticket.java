package io.viberglass.platform.tickets;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.json.Json;

/** A row of {@code tickets}: a requested change and where it stands. */
public record Ticket(
        UUID id,
        UUID projectId,
        String title,
        String description,
        Severity severity,
        String category,
        @Json Map<String, Object> metadata,
        @Json List<Map<String, Object>> annotations,
        TicketSystem ticketSystem,
        String externalTicketId,
        String externalTicketUrl,
        boolean autoFixRequested,
        AutoFixStatus autoFixStatus,
        LifecycleStatus ticketStatus,
        boolean statusSetManually,
        WorkflowPhase workflowPhase,
        String workflowOverrideReason,
        Instant workflowOverriddenAt,
        String workflowOverriddenBy,
        String pullRequestUrl,
        Instant archivedAt,
        Instant createdAt,
        Instant updatedAt) {}
