package io.viberglass.viberator.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A ticket as the client shows it ({@code tickets show --json}). Labels live in {@code metadata.labels}, where
 * {@code tickets create --label} puts them.
 */
public record Ticket(
        UUID id,
        UUID projectId,
        String title,
        String description,
        String severity,
        String category,
        Map<String, Object> metadata,
        String status,
        String workflowPhase,
        String autoFixStatus,
        String pullRequestUrl,
        boolean archived,
        Instant createdAt,
        Instant updatedAt) {

    @JsonIgnore
    public List<String> labels() {
        Object labels = metadata == null ? null : metadata.get("labels");
        return labels instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : List.of();
    }
}
