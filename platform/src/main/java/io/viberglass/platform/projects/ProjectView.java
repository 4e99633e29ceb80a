package io.viberglass.platform.projects;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A project as the API shows it. */
public record ProjectView(
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
        boolean archived,
        Instant archivedAt,
        Instant createdAt,
        Instant updatedAt) {

    static ProjectView of(Project project) {
        return new ProjectView(
                project.id(),
                project.name(),
                project.slug(),
                project.description(),
                project.agentInstructions(),
                project.autoFixEnabled(),
                project.autoFixTags(),
                project.webhookUrl(),
                project.primaryTicketingIntegrationId(),
                project.primaryScmIntegrationId(),
                project.isArchived(),
                project.archivedAt(),
                project.createdAt(),
                project.updatedAt());
    }
}
