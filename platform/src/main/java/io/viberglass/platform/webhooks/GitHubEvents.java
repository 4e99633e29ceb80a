package io.viberglass.platform.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.viberglass.platform.tickets.TicketSystem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GitHub's webhook payloads ({@code X-GitHub-Event} + {@code action}): issues opened or labelled, issue comments, pull
 * request reviews and review comments, and failed check runs or suites on pull requests.
 */
final class GitHubEvents implements EventReader {
    /** The {@code X-GitHub-Event} values worth storing; anything else is ignored on arrival. */
    static final Set<String> HANDLED = Set.of(
            "issues",
            "issue_comment",
            "pull_request_review",
            "pull_request_review_comment",
            "check_run",
            "check_suite");

    private static final Set<String> FAILED = Set.of("failure", "timed_out", "startup_failure");

    @Override
    public WebhookEvent read(String headerEvent, JsonNode body, InboundConfig config) {
        String event = headerEvent == null ? "unknown" : headerEvent;
        String action = Nodes.text(body, "/action", "");
        String type = action.isEmpty() ? event : event + "." + action;
        return switch (type) {
            case "issues.opened" -> new WebhookEvent.IssueOpened(type, issue(body));
            case "issues.labeled" ->
                new WebhookEvent.IssueLabeled(type, issue(body), Nodes.text(body, "/label/name", ""));
            case "issue_comment.created" -> comment(type, body);
            case "pull_request_review.submitted" -> review(type, body);
            case "pull_request_review_comment.created" -> reviewComment(type, body);
            case "check_run.completed" -> checkRun(type, body);
            case "check_suite.completed" -> checkSuite(type, body);
            default -> new WebhookEvent.Ignored(type, "GitHub event " + type + " is not handled");
        };
    }

    private static SourceIssue issue(JsonNode body) {
        List<String> labels = Nodes.texts(body, "/issue/labels", "name");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issueNumber", Nodes.text(body, "/issue/number"));
        metadata.put("sender", Nodes.text(body, "/sender/login"));
        metadata.put("repository", Nodes.text(body, "/repository/full_name"));
        String installation = Nodes.text(body, "/installation/id");
        if (installation != null) {
            metadata.put("installationId", installation);
        }
        return new SourceIssue(
                TicketSystem.GITHUB,
                Nodes.text(body, "/issue/number"),
                Nodes.text(body, "/issue/html_url"),
                Nodes.text(body, "/issue/title", "GitHub issue"),
                Nodes.text(body, "/issue/body", ""),
                Severities.fromLabels(labels),
                "bug",
                labels,
                Nodes.text(body, "/repository/full_name"),
                metadata,
                Nodes.text(body, "/issue/user/login", Nodes.text(body, "/sender/login")),
                Nodes.text(body, "/issue/author_association"));
    }

    /** A comment on an issue asks for a fix; a comment on a pull request is feedback on it. */
    private static WebhookEvent comment(String type, JsonNode body) {
        String author = Nodes.text(body, "/comment/user/login", "");
        String association = Nodes.text(body, "/comment/author_association");
        String text = Nodes.text(body, "/comment/body", "");
        if (body.at("/issue/pull_request").isObject()) {
            PullRequestRef pr = new PullRequestRef(
                    Nodes.text(body, "/issue/html_url"), null, null, Nodes.text(body, "/repository/full_name"));
            return new WebhookEvent.PullRequestFeedback(
                    type,
                    pr,
                    "comment",
                    author,
                    author + " commented on the pull request:\n\n" + quote(text),
                    association);
        }
        return new WebhookEvent.IssueComment(type, issue(body), author, text, author, association);
    }

    private static WebhookEvent review(String type, JsonNode body) {
        String state = Nodes.text(body, "/review/state", "");
        String text = Nodes.text(body, "/review/body", "");
        if (state.equalsIgnoreCase("approved")) {
            return new WebhookEvent.Ignored(type, "An approving review needs no follow-up");
        }
        if (text.isBlank()) {
            return new WebhookEvent.Ignored(
                    type, "The review has no summary; its line comments arrive as review comments");
        }
        String author = Nodes.text(body, "/review/user/login", "");
        return new WebhookEvent.PullRequestFeedback(
                type,
                pullRequest(body),
                "review",
                author,
                author + " reviewed the pull request ("
                        + state.toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "):\n\n" + quote(text),
                Nodes.text(body, "/review/author_association"));
    }

    private static WebhookEvent reviewComment(String type, JsonNode body) {
        String author = Nodes.text(body, "/comment/user/login", "");
        String path = Nodes.text(body, "/comment/path", "");
        String line = Nodes.text(body, "/comment/line", Nodes.text(body, "/comment/original_line", "?"));
        String hunk = Nodes.text(body, "/comment/diff_hunk", "");
        String context = author + " commented on " + path + " line " + line + ":\n\n"
                + quote(Nodes.text(body, "/comment/body", ""))
                + (hunk.isEmpty() ? "" : "\n\nOn this code:\n```diff\n" + hunk + "\n```");
        return new WebhookEvent.PullRequestFeedback(
                type,
                pullRequest(body),
                "review_comment",
                author,
                context,
                Nodes.text(body, "/comment/author_association"));
    }

    private static WebhookEvent checkRun(String type, JsonNode body) {
        String conclusion = Nodes.text(body, "/check_run/conclusion", "");
        if (!FAILED.contains(conclusion)) {
            return new WebhookEvent.Ignored(
                    type, "Check run concluded " + conclusion + "; only failures need a follow-up");
        }
        JsonNode prs = body.at("/check_run/pull_requests");
        if (!prs.isArray() || prs.isEmpty()) {
            return new WebhookEvent.Ignored(type, "The failed check run is not on a pull request");
        }
        String name = Nodes.text(body, "/check_run/name", "check");
        StringBuilder context = new StringBuilder("The check \"" + name + "\" failed (" + conclusion + ")");
        String details = Nodes.text(body, "/check_run/details_url", Nodes.text(body, "/check_run/html_url"));
        if (details != null) {
            context.append(", details: ").append(details);
        }
        context.append('.');
        for (String field : List.of("title", "summary", "text")) {
            String value = Nodes.text(body, "/check_run/output/" + field);
            if (value != null && !value.isBlank()) {
                context.append("\n\n").append(Nodes.truncate(value, 20_000));
            }
        }
        return new WebhookEvent.PullRequestFeedback(
                type,
                checkPullRequest(body, prs.get(0), Nodes.text(body, "/check_run/head_sha")),
                "check_failure",
                Nodes.text(body, "/sender/login", ""),
                context.toString(),
                null);
    }

    private static WebhookEvent checkSuite(String type, JsonNode body) {
        String conclusion = Nodes.text(body, "/check_suite/conclusion", "");
        if (!FAILED.contains(conclusion)) {
            return new WebhookEvent.Ignored(
                    type, "Check suite concluded " + conclusion + "; only failures need a follow-up");
        }
        JsonNode prs = body.at("/check_suite/pull_requests");
        if (!prs.isArray() || prs.isEmpty()) {
            return new WebhookEvent.Ignored(type, "The failed check suite is not on a pull request");
        }
        String app = Nodes.text(body, "/check_suite/app/name", "CI");
        return new WebhookEvent.PullRequestFeedback(
                type,
                checkPullRequest(body, prs.get(0), Nodes.text(body, "/check_suite/head_sha")),
                "check_failure",
                Nodes.text(body, "/sender/login", ""),
                "The " + app + " checks failed (" + conclusion + ") on commit "
                        + Nodes.text(body, "/check_suite/head_sha", "?") + ". Find and fix the cause.",
                null);
    }

    private static PullRequestRef pullRequest(JsonNode body) {
        return new PullRequestRef(
                Nodes.text(body, "/pull_request/html_url"),
                Nodes.text(body, "/pull_request/head/ref"),
                Nodes.text(body, "/pull_request/head/sha"),
                Nodes.text(body, "/repository/full_name"));
    }

    /** Check payloads name their pull requests by API URL and number; the web URL is the repository's plus the number. */
    private static PullRequestRef checkPullRequest(JsonNode body, JsonNode pr, String headSha) {
        String repositoryUrl = Nodes.text(body, "/repository/html_url");
        String number = Nodes.text(pr, "/number");
        return new PullRequestRef(
                repositoryUrl == null || number == null ? null : repositoryUrl + "/pull/" + number,
                Nodes.text(pr, "/head/ref"),
                headSha == null ? Nodes.text(pr, "/head/sha") : headSha,
                Nodes.text(body, "/repository/full_name"));
    }

    static String quote(String text) {
        return "> " + text.strip().replace("\n", "\n> ");
    }
}
