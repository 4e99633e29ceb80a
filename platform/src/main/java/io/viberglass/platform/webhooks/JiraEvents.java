package io.viberglass.platform.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.viberglass.platform.tickets.TicketSystem;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jira's webhooks ({@code webhookEvent} in the body): {@code jira:issue_created} becomes a ticket,
 * {@code comment_created} (or an issue update that is a comment) may ask the bot for a fix. Descriptions in Atlassian
 * Document Format are flattened to text.
 */
final class JiraEvents implements EventReader {
    @Override
    public WebhookEvent read(String headerEvent, JsonNode body, InboundConfig config) {
        String event = Nodes.text(body, "/webhookEvent", "");
        String type =
                switch (event) {
                    case "jira:issue_created" -> "issue_created";
                    case "jira:issue_updated" ->
                        "issue_commented".equals(Nodes.text(body, "/issue_event_type_name"))
                                        && body.at("/comment").isObject()
                                ? "comment_created"
                                : "issue_updated";
                    case "comment_created", "jira:issue_comment_created" -> "comment_created";
                    default -> event.startsWith("jira:") ? event.substring(5) : (event.isEmpty() ? "unknown" : event);
                };
        return switch (type) {
            case "issue_created" -> new WebhookEvent.IssueOpened(type, issue(body));
            case "comment_created" ->
                new WebhookEvent.IssueComment(
                        type,
                        issue(body),
                        Nodes.text(body, "/comment/author/displayName", Nodes.text(body, "/comment/author/name", "")),
                        text(body.at("/comment/body")),
                        Nodes.text(body, "/comment/author/accountId", Nodes.text(body, "/comment/author/name")),
                        null);
            default -> new WebhookEvent.Ignored(type, "Unsupported Jira event '" + type + "'");
        };
    }

    private static SourceIssue issue(JsonNode body) {
        String key = Nodes.text(body, "/issue/key");
        String self = Nodes.text(body, "/issue/self");
        String origin = origin(self);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("jiraIssueKey", key);
        metadata.put("jiraIssueId", Nodes.text(body, "/issue/id"));
        metadata.put("jiraProjectKey", Nodes.text(body, "/issue/fields/project/key"));
        if (origin != null) {
            metadata.put("jiraApiBaseUrl", origin + "/rest/api/3");
        }
        metadata.put("sender", Nodes.text(body, "/user/displayName"));
        List<String> labels = Nodes.texts(body, "/issue/fields/labels", null);
        String issueType = Nodes.text(body, "/issue/fields/issuetype/name", "");
        return new SourceIssue(
                TicketSystem.JIRA,
                key,
                origin == null || key == null ? null : origin + "/browse/" + key,
                Nodes.text(body, "/issue/fields/summary", "Jira issue"),
                text(body.at("/issue/fields/description")),
                Severities.fromPriority(Nodes.text(body, "/issue/fields/priority/name")),
                issueType.equalsIgnoreCase("bug")
                        ? "bug"
                        : issueType.isEmpty() ? "bug" : issueType.toLowerCase(java.util.Locale.ROOT),
                labels,
                Nodes.text(body, "/issue/fields/project/key"),
                metadata,
                Nodes.text(
                        body,
                        "/issue/fields/reporter/accountId",
                        Nodes.text(body, "/issue/fields/creator/accountId", Nodes.text(body, "/user/accountId"))),
                null);
    }

    private static String origin(String self) {
        if (self == null) {
            return null;
        }
        try {
            URI uri = URI.create(self);
            return uri.getScheme() + "://" + uri.getAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Plain text (Jira Server) or an ADF document (Jira Cloud) flattened: text nodes, paragraphs on new lines. */
    static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "";
        }
        if (node.isTextual()) {
            return node.asText();
        }
        StringBuilder out = new StringBuilder();
        flatten(node, out);
        return out.toString().strip();
    }

    private static void flatten(JsonNode node, StringBuilder out) {
        if (node.has("text")) {
            out.append(node.get("text").asText());
        }
        for (JsonNode child : node.path("content")) {
            flatten(child, out);
        }
        String type = Nodes.text(node, "/type", "");
        if (type.equals("paragraph") || type.equals("heading") || type.equals("listItem") || type.equals("codeBlock")) {
            out.append('\n');
        } else if (type.equals("hardBreak")) {
            out.append('\n');
        }
    }
}
