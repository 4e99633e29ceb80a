package io.viberglass.platform.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.viberglass.platform.tickets.TicketSystem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Any sender's JSON, read through the webhook's field mapping (JSON pointers), by default
 * {@code {title, description, severity, category, externalId, url, labels}} at the top level. Every delivery is a
 * {@code ticket_created}.
 */
final class CustomEvents implements EventReader {
    static final Map<String, String> DEFAULT_MAPPING = Map.of(
            "title", "/title",
            "description", "/description",
            "severity", "/severity",
            "category", "/category",
            "externalId", "/externalId",
            "url", "/url",
            "labels", "/labels",
            "author", "");

    /** A custom body without what a ticket needs; permanent, so the delivery fails with the reason. */
    static final class MappingException extends RuntimeException {
        MappingException(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public WebhookEvent read(String headerEvent, JsonNode body, InboundConfig config) {
        Map<String, String> mapping = new LinkedHashMap<>(DEFAULT_MAPPING);
        mapping.putAll(config.fieldMapping());
        String title = value(body, mapping.get("title"));
        if (title == null || title.isBlank()) {
            throw new MappingException("The body has no title at " + mapping.get("title"));
        }
        List<String> labels = new ArrayList<>();
        String labelsPointer = mapping.get("labels");
        if (labelsPointer != null && !labelsPointer.isEmpty()) {
            JsonNode node = body.at(labelsPointer);
            if (node.isArray()) {
                node.forEach(label -> labels.add(label.isObject() ? Nodes.text(label, "/name", "") : label.asText()));
            } else if (node.isTextual()) {
                for (String label : node.asText().split(",")) {
                    labels.add(label.trim());
                }
            }
        }
        String category = value(body, mapping.get("category"));
        String url = value(body, mapping.get("url"));
        return new WebhookEvent.IssueOpened(
                "ticket_created",
                new SourceIssue(
                        TicketSystem.CUSTOM,
                        value(body, mapping.get("externalId")),
                        url != null && url.matches("https?://\\S+") ? url : null,
                        title.strip(),
                        value(body, mapping.get("description")) == null ? "" : value(body, mapping.get("description")),
                        Severities.named(value(body, mapping.get("severity"))),
                        category == null || category.isBlank() ? "bug" : category,
                        labels.stream().filter(label -> !label.isEmpty()).toList(),
                        null,
                        Map.of(),
                        value(body, mapping.get("author")),
                        null));
    }

    private static String value(JsonNode body, String pointer) {
        if (pointer == null || pointer.isEmpty()) {
            return null;
        }
        return Nodes.text(body, pointer);
    }
}
