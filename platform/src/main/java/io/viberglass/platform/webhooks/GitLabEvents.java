package io.viberglass.platform.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.viberglass.platform.tickets.TicketSystem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GitLab's issue and note hooks ({@code X-Gitlab-Event: Issue Hook | Note Hook}, {@code object_kind} in the body): an
 * opened issue, a comment on an issue, a comment on a merge request.
 */
final class GitLabEvents implements EventReader {
    static final Set<String> HANDLED =
            Set.of("Issue Hook", "Confidential Issue Hook", "Note Hook", "Confidential Note Hook");

    @Override
    public WebhookEvent read(String headerEvent, JsonNode body, InboundConfig config) {
        String kind = Nodes.text(body, "/object_kind", "");
        return switch (kind) {
            case "issue" -> issueEvent(body);
            case "note" -> noteEvent(body);
            default ->
                new WebhookEvent.Ignored(
                        kind.isEmpty() ? "unknown" : kind, "GitLab " + kind + " events are not handled");
        };
    }

    private static WebhookEvent issueEvent(JsonNode body) {
        String action = Nodes.text(body, "/object_attributes/action", "");
        String type = "issue." + action;
        if (!action.equals("open")) {
            return new WebhookEvent.Ignored(type, "GitLab issue action '" + action + "' is not handled");
        }
        return new WebhookEvent.IssueOpened(type, issue(body, body.at("/object_attributes")));
    }

    private static WebhookEvent noteEvent(JsonNode body) {
        String noteable = Nodes.text(body, "/object_attributes/noteable_type", "");
        String author = Nodes.text(body, "/user/username", "");
        String note = Nodes.text(body, "/object_attributes/note", "");
        return switch (noteable) {
            case "Issue" ->
                new WebhookEvent.IssueComment(
                        "note.issue",
                        issue(body, body.at("/issue")),
                        author,
                        note,
                        author.isEmpty() ? null : author,
                        null);
            case "MergeRequest" -> {
                String position = Nodes.text(body, "/object_attributes/position/new_path");
                String line = Nodes.text(body, "/object_attributes/position/new_line");
                String where =
                        position == null ? "the merge request" : position + (line == null ? "" : " line " + line);
                yield new WebhookEvent.PullRequestFeedback(
                        "note.merge_request",
                        new PullRequestRef(
                                Nodes.text(body, "/merge_request/url"),
                                Nodes.text(body, "/merge_request/source_branch"),
                                Nodes.text(body, "/merge_request/last_commit/id"),
                                Nodes.text(body, "/project/path_with_namespace")),
                        "review_comment",
                        author,
                        author + " commented on " + where + ":\n\n" + GitHubEvents.quote(note),
                        null);
            }
            default ->
                new WebhookEvent.Ignored(
                        "note." + noteable.toLowerCase(java.util.Locale.ROOT),
                        "GitLab notes on " + noteable + " are not handled");
        };
    }

    private static SourceIssue issue(JsonNode body, JsonNode issue) {
        List<String> labels = Nodes.texts(body, "/labels", "title");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("gitlabProjectId", Nodes.text(body, "/project/id"));
        metadata.put("issueIid", Nodes.text(issue, "/iid"));
        metadata.put("repository", Nodes.text(body, "/project/path_with_namespace"));
        metadata.put("sender", Nodes.text(body, "/user/username"));
        return new SourceIssue(
                TicketSystem.GITLAB,
                Nodes.text(issue, "/iid"),
                Nodes.text(issue, "/url"),
                Nodes.text(issue, "/title", "GitLab issue"),
                Nodes.text(issue, "/description", ""),
                Severities.fromLabels(labels),
                "bug",
                labels,
                Nodes.text(body, "/project/path_with_namespace"),
                metadata,
                author(body, issue),
                null);
    }

    /**
     * The issue's author by username: the event's user when they wrote the issue (an issue hook, or a note by the
     * issue's own author); GitLab names other authors only by numeric id, which no trusted list holds.
     */
    private static String author(JsonNode body, JsonNode issue) {
        String authorId = Nodes.text(issue, "/author_id");
        String userId = Nodes.text(body, "/user/id");
        boolean issueHook = "issue".equals(Nodes.text(body, "/object_kind"));
        return issueHook || (authorId != null && authorId.equals(userId)) ? Nodes.text(body, "/user/username") : null;
    }
}
