package io.viberglass.platform.projects;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A row of {@code projects}: the automation boundary for one codebase. */
public record Project(
        UUID id,
        String name,
        String slug,
        String description,
        String agentInstructions,
        boolean autoFixEnabled,
        List<String> autoFixTags,
        String webhookUrl,
        UUID primaryTicketingIntegrationId,
        UUID primaryScmIntegrationId,
        Instant archivedAt,
        Instant createdAt,
        Instant updatedAt) {

    public boolean isArchived() {
        return archivedAt != null;
    }
}
