package io.viberglass.platform.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.platform.integrations.ConnectionTester;
import io.viberglass.platform.integrations.ProviderHttp;
import io.viberglass.platform.integrations.ProviderUrls;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Jira issues (REST v3, the integration's instance): a comment in Atlassian Document Format, then for a finished run
 * the outcome labels ({@code update.labels} add/remove) and the configured transition
 * ({@code successTransitionId} / {@code failureTransitionId}).
 */
final class JiraFeedback implements FeedbackSender {
    private final ProviderHttp http;
    private final ObjectMapper mapper;

    JiraFeedback(ProviderHttp http, ObjectMapper mapper) {
        this.http = http;
        this.mapper = mapper;
    }

    @Override
    public Attempt send(Outgoing out) throws IOException {
        if (out.token() == null) {
            return Attempt.dead(null, "No Jira token: set one on the target or the integration");
        }
        String key = out.event().ticket() == null ? null : out.event().ticket().externalTicketId();
        if (key == null) {
            return Attempt.dead(null, "The ticket names no Jira issue");
        }
        String base = ProviderUrls.jiraApi(out.integration()) + "/issue/" + key;
        Map<String, String> headers = Map.of(
                "Authorization", ConnectionTester.jiraAuthorization(out.integration(), out.token()),
                "Accept", "application/json",
                "Content-Type", "application/json");
        Attempt comment = Attempt.of(
                http.send(
                        "POST",
                        URI.create(base + "/comment"),
                        headers,
                        mapper.writeValueAsBytes(Map.of("body", adf(FeedbackMessages.comment(out.event()))))),
                "Commenting on " + key);
        if (comment.outcome() != Attempt.Outcome.DELIVERED || out.event().eventType() != FeedbackEventType.JOB_ENDED) {
            return comment;
        }
        List<String> notes = new ArrayList<>();
        if (Labels.apply(out)) {
            Labels labels = Labels.of(out);
            ProviderHttp.Reply updated = http.send(
                    "PUT",
                    URI.create(base),
                    headers,
                    mapper.writeValueAsBytes(Map.of(
                            "update",
                            Map.of(
                                    "labels",
                                    List.of(Map.of("add", labels.add()), Map.of("remove", labels.remove()))))));
            if (!updated.ok()) {
                notes.add("labels: " + updated.summary());
            }
        }
        boolean succeeded = out.event().result() != null && out.event().result().success();
        String transition = out.target().option(succeeded ? "successTransitionId" : "failureTransitionId", null);
        if (transition != null) {
            ProviderHttp.Reply moved = http.send(
                    "POST",
                    URI.create(base + "/transitions"),
                    headers,
                    mapper.writeValueAsBytes(Map.of("transition", Map.of("id", transition))));
            if (!moved.ok()) {
                notes.add("transition " + transition + ": " + moved.summary());
            }
        }
        return Attempt.delivered(comment.status(), notes.isEmpty() ? null : String.join("; ", notes));
    }

    /** Markdown as Jira's document format: headings, bullet lists, code blocks, paragraphs. */
    static Map<String, Object> adf(String markdown) {
        List<Object> content = new ArrayList<>();
        List<Object> bullets = new ArrayList<>();
        StringBuilder code = null;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                if (code == null) {
                    code = new StringBuilder();
                } else {
                    content.add(Map.of(
                            "type",
                            "codeBlock",
                            "content",
                            List.of(text(code.toString().stripTrailing()))));
                    code = null;
                }
                continue;
            }
            if (code != null) {
                code.append(line).append('\n');
                continue;
            }
            if (line.startsWith("- ")) {
                bullets.add(Map.of(
                        "type",
                        "listItem",
                        "content",
                        List.of(Map.of("type", "paragraph", "content", List.of(text(line.substring(2)))))));
                continue;
            }
            if (!bullets.isEmpty()) {
                content.add(Map.of("type", "bulletList", "content", List.copyOf(bullets)));
                bullets.clear();
            }
            if (line.startsWith("## ")) {
                content.add(Map.of(
                        "type", "heading", "attrs", Map.of("level", 2), "content", List.of(text(line.substring(3)))));
            } else if (!line.isBlank()) {
                content.add(Map.of("type", "paragraph", "content", List.of(text(line))));
            }
        }
        if (!bullets.isEmpty()) {
            content.add(Map.of("type", "bulletList", "content", List.copyOf(bullets)));
        }
        return Map.of("type", "doc", "version", 1, "content", content);
    }

    private static Map<String, Object> text(String value) {
        return Map.of("type", "text", "text", value.isEmpty() ? " " : value);
    }
}
