package io.viberglass.platform.webhooks;

import io.viberglass.platform.tickets.Severity;
import io.viberglass.platform.tickets.TicketSystem;
import java.util.List;
import java.util.Map;

/**
 * An issue as a provider described it, ready to become a ticket.
 *
 * @param externalId the provider's id (GitHub issue number, Jira key, Shortcut story id)
 * @param repository the provider project it belongs to ({@code owner/repo}, Jira project key), checked against the
 *     webhook's {@code providerProjectId}
 * @param metadata what feedback needs later to find the issue again (API base URLs, numeric ids)
 * @param authorId who wrote the issue, as the project's trusted list names them (login, account id, member id);
 *     {@code null} when the payload does not say
 * @param authorAssociation the payload's own statement of the author's standing in the repository (GitHub's
 *     {@code author_association}), if any
 */
public record SourceIssue(
        TicketSystem system,
        String externalId,
        String url,
        String title,
        String description,
        Severity severity,
        String category,
        List<String> labels,
        String repository,
        Map<String, Object> metadata,
        String authorId,
        String authorAssociation) {

    public SourceIssue {
        labels = labels == null ? List.of() : List.copyOf(labels);
        Map<String, Object> present = new java.util.LinkedHashMap<>();
        if (metadata != null) {
            metadata.forEach((key, value) -> {
                if (value != null) {
                    present.put(key, value);
                }
            });
        }
        metadata = java.util.Collections.unmodifiableMap(present);
    }
}
