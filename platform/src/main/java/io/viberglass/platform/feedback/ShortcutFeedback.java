package io.viberglass.platform.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.platform.integrations.ProviderHttp;
import io.viberglass.platform.integrations.ProviderUrls;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * Shortcut stories (API v3, {@code Shortcut-Token}): a comment ({@code POST /stories/{id}/comments}), then for a
 * finished run the configured workflow state ({@code successWorkflowStateId} / {@code failureWorkflowStateId}).
 */
final class ShortcutFeedback implements FeedbackSender {
    private final ProviderHttp http;
    private final ObjectMapper mapper;

    ShortcutFeedback(ProviderHttp http, ObjectMapper mapper) {
        this.http = http;
        this.mapper = mapper;
    }

    @Override
    public Attempt send(Outgoing out) throws IOException {
        if (out.token() == null) {
            return Attempt.dead(null, "No Shortcut token: set one on the target or the integration");
        }
        String story =
                out.event().ticket() == null ? null : out.event().ticket().externalTicketId();
        if (story == null) {
            return Attempt.dead(null, "The ticket names no Shortcut story");
        }
        String base = ProviderUrls.shortcutApi(out.integration()) + "/stories/" + story;
        Map<String, String> headers =
                Map.of("Shortcut-Token", out.token().reveal(), "Content-Type", "application/json");
        Attempt comment = Attempt.of(
                http.send(
                        "POST",
                        URI.create(base + "/comments"),
                        headers,
                        mapper.writeValueAsBytes(Map.of("text", FeedbackMessages.comment(out.event())))),
                "Commenting on story " + story);
        if (comment.outcome() != Attempt.Outcome.DELIVERED || out.event().eventType() != FeedbackEventType.JOB_ENDED) {
            return comment;
        }
        boolean succeeded = out.event().result() != null && out.event().result().success();
        String state = out.target().option(succeeded ? "successWorkflowStateId" : "failureWorkflowStateId", null);
        if (state == null) {
            return comment;
        }
        ProviderHttp.Reply moved = http.send(
                "PUT",
                URI.create(base),
                headers,
                mapper.writeValueAsBytes(Map.of("workflow_state_id", Long.parseLong(state))));
        return Attempt.delivered(comment.status(), moved.ok() ? null : "Workflow state: " + moved.summary());
    }
}
