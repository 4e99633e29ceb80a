package io.viberglass.viberator.client;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The body of {@code POST /api/tickets}. Labels go into {@code metadata.labels}. */
public record NewTicket(
        UUID projectId,
        String title,
        String description,
        String severity,
        String category,
        Map<String, Object> metadata) {

    public static NewTicket of(
            UUID projectId, String title, String description, String severity, String category, List<String> labels) {
        return new NewTicket(
                projectId,
                title,
                description,
                severity,
                category,
                labels == null || labels.isEmpty() ? null : Map.of("labels", List.copyOf(labels)));
    }
}
