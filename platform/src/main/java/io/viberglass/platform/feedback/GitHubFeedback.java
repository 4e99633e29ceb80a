package io.viberglass.platform.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.platform.integrations.ProviderHttp;
import io.viberglass.platform.integrations.ProviderUrls;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * GitHub issues: a comment ({@code POST /repos/{owner}/{repo}/issues/{n}/comments}), then, when a run ended, the
 * outcome label added ({@code fix-submitted} / {@code fix-failed} by default) and the other one removed. Labels are
 * best effort: the comment is the delivery.
 */
final class GitHubFeedback implements FeedbackSender {
    private final ProviderHttp http;
    private final ObjectMapper mapper;

    GitHubFeedback(ProviderHttp http, ObjectMapper mapper) {
        this.http = http;
        this.mapper = mapper;
    }

    @Override
    public Attempt send(Outgoing out) throws IOException {
        if (out.token() == null) {
            return Attempt.dead(null, "No GitHub token: set one on the target or the integration");
        }
        String repository = firstNonNull(
                out.target().providerProjectId(),
                out.source("repository"),
                out.source("providerProjectId"),
                out.integration().setting("owner", null) == null
                        ? null
                        : out.integration().setting("owner", "") + "/"
                                + out.integration().setting("repo", ""));
        String issue =
                out.event().ticket() == null ? null : out.event().ticket().externalTicketId();
        if (repository == null || issue == null) {
            return Attempt.dead(null, "The ticket names no GitHub repository and issue number");
        }
        String base = ProviderUrls.githubApi(out.integration()) + "/repos/" + repository + "/issues/" + issue;
        Map<String, String> headers = Map.of(
                "Authorization", "Bearer " + out.token().reveal(),
                "Accept", "application/vnd.github+json",
                "X-GitHub-Api-Version", "2022-11-28",
                "Content-Type", "application/json");
        Attempt comment = Attempt.of(
                http.send(
                        "POST",
                        URI.create(base + "/comments"),
                        headers,
                        mapper.writeValueAsBytes(Map.of("body", FeedbackMessages.comment(out.event())))),
                "Commenting on " + repository + "#" + issue);
        if (comment.outcome() != Attempt.Outcome.DELIVERED || !Labels.apply(out)) {
            return comment;
        }
        Labels labels = Labels.of(out);
        StringBuilder notes = new StringBuilder();
        ProviderHttp.Reply added = http.send(
                "POST",
                URI.create(base + "/labels"),
                headers,
                mapper.writeValueAsBytes(Map.of("labels", List.of(labels.add()))));
        if (!added.ok()) {
            notes.append("adding label ")
                    .append(labels.add())
                    .append(": ")
                    .append(added.summary())
                    .append("; ");
        }
        ProviderHttp.Reply removed = http.send(
                "DELETE",
                URI.create(base + "/labels/"
                        + URLEncoder.encode(labels.remove(), StandardCharsets.UTF_8)
                                .replace("+", "%20")),
                headers,
                null);
        if (!removed.ok() && removed.status() != 404) {
            notes.append("removing label ").append(labels.remove()).append(": ").append(removed.summary());
        }
        return Attempt.delivered(comment.status(), notes.isEmpty() ? null : "Labels: " + notes);
    }

    static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
