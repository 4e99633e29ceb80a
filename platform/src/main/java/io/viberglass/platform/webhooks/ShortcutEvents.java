package io.viberglass.platform.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.platform.tickets.TicketSystem;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shortcut's outgoing webhooks: one change event ({@code id}, {@code primary_id}, {@code actions[]},
 * {@code references[]}) per delivery. A story {@code create} action is {@code story_created}, a story {@code update}
 * is {@code story_updated}, a {@code story-comment} create is {@code comment_created}. A body wrapped in a
 * (stringified) {@code payload} field, as some relays send it, is unwrapped.
 */
final class ShortcutEvents implements EventReader {
    private final ObjectMapper mapper;

    ShortcutEvents(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public WebhookEvent read(String headerEvent, JsonNode body, InboundConfig config) {
        JsonNode event = unwrap(body);
        JsonNode comment = action(event, "story-comment", "create");
        if (comment != null) {
            JsonNode story = storyOf(event);
            return new WebhookEvent.IssueComment(
                    "comment_created",
                    story == null ? issue(event, comment) : issue(event, story),
                    Nodes.text(comment, "/author_id", Nodes.text(event, "/member_id", "")),
                    Nodes.text(comment, "/text", ""),
                    Nodes.text(comment, "/author_id", Nodes.text(event, "/member_id")),
                    null);
        }
        JsonNode created = action(event, "story", "create");
        if (created != null) {
            return new WebhookEvent.IssueOpened("story_created", issue(event, created));
        }
        JsonNode updated = action(event, "story", "update");
        if (updated != null) {
            return new WebhookEvent.IssueUpdated(
                    "story_updated", issue(event, updated), Nodes.text(event, "/member_id"));
        }
        JsonNode first = event.at("/actions/0");
        String type = first.isObject()
                ? Nodes.text(first, "/entity_type", "unknown") + "_" + Nodes.text(first, "/action", "unknown")
                : "unknown";
        return new WebhookEvent.Ignored(type, "Shortcut " + type.replace('_', ' ') + " events are not handled");
    }

    private JsonNode unwrap(JsonNode body) {
        JsonNode payload = body.get("payload");
        if (payload != null && payload.isTextual()) {
            try {
                return mapper.readTree(payload.asText());
            } catch (IOException e) {
                return body;
            }
        }
        return payload != null && payload.isObject() ? payload : body;
    }

    private static JsonNode action(JsonNode event, String entity, String action) {
        for (JsonNode candidate : event.path("actions")) {
            if (entity.equals(Nodes.text(candidate, "/entity_type"))
                    && action.equals(Nodes.text(candidate, "/action"))) {
                return candidate;
            }
        }
        return null;
    }

    /** The story a comment belongs to: a story action in the same event, else a story among the references. */
    private static JsonNode storyOf(JsonNode event) {
        for (String list : List.of("actions", "references")) {
            for (JsonNode candidate : event.path(list)) {
                if ("story".equals(Nodes.text(candidate, "/entity_type"))) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static SourceIssue issue(JsonNode event, JsonNode story) {
        String storyType = Nodes.text(story, "/story_type", "feature");
        String name = Nodes.text(story, "/changes/name/new", Nodes.text(story, "/name", "Shortcut story"));
        String description = Nodes.text(story, "/changes/description/new", Nodes.text(story, "/description", ""));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("shortcutStoryId", Nodes.text(story, "/id"));
        metadata.put("shortcutStoryType", storyType);
        String projectId = Nodes.text(story, "/project_id");
        if (projectId != null) {
            metadata.put("shortcutProjectId", projectId);
        }
        metadata.put("sender", Nodes.text(event, "/member_id"));
        return new SourceIssue(
                TicketSystem.SHORTCUT,
                Nodes.text(story, "/id"),
                Nodes.text(story, "/app_url"),
                name,
                description,
                Severities.fromStoryType(storyType),
                storyType.equals("bug") ? "bug" : "feature",
                storyType.equals("bug") ? List.of("bug") : List.of(storyType),
                projectId,
                metadata,
                Nodes.text(story, "/requested_by_id", Nodes.text(event, "/member_id")),
                null);
    }
}
