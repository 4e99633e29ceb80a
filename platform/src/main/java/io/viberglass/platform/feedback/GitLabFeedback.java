package io.viberglass.platform.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.platform.integrations.ProviderHttp;
import io.viberglass.platform.integrations.ProviderUrls;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * GitLab issues: a note ({@code POST /projects/{id}/issues/{iid}/notes}, {@code PRIVATE-TOKEN}), then the outcome
 * labels through {@code PUT /projects/{id}/issues/{iid}} with {@code add_labels} / {@code remove_labels}.
 */
final class GitLabFeedback implements FeedbackSender {
    private final ProviderHttp http;
    private final ObjectMapper mapper;

    GitLabFeedback(ProviderHttp http, ObjectMapper mapper) {
        this.http = http;
        this.mapper = mapper;
    }

    @Override
    public Attempt send(Outgoing out) throws IOException {
        if (out.token() == null) {
            return Attempt.dead(null, "No GitLab token: set one on the target or the integration");
        }
        String project = GitHubFeedback.firstNonNull(
                out.source("gitlabProjectId"),
                out.target().providerProjectId(),
                out.source("repository"),
                out.integration().setting("projectId", null),
                out.integration().setting("projectPath", null));
        String issue =
                out.event().ticket() == null ? null : out.event().ticket().externalTicketId();
        if (project == null || issue == null) {
            return Attempt.dead(null, "The ticket names no GitLab project and issue");
        }
        String base = ProviderUrls.gitlabApi(out.integration()) + "/projects/"
                + URLEncoder.encode(project, StandardCharsets.UTF_8) + "/issues/" + issue;
        Map<String, String> headers = Map.of("PRIVATE-TOKEN", out.token().reveal(), "Content-Type", "application/json");
        Attempt note = Attempt.of(
                http.send(
                        "POST",
                        URI.create(base + "/notes"),
                        headers,
                        mapper.writeValueAsBytes(Map.of("body", FeedbackMessages.comment(out.event())))),
                "Commenting on GitLab issue " + project + "#" + issue);
        if (note.outcome() != Attempt.Outcome.DELIVERED || !Labels.apply(out)) {
            return note;
        }
        Labels labels = Labels.of(out);
        ProviderHttp.Reply updated = http.send(
                "PUT",
                URI.create(base),
                headers,
                mapper.writeValueAsBytes(Map.of("add_labels", labels.add(), "remove_labels", labels.remove())));
        return Attempt.delivered(note.status(), updated.ok() ? null : "Labels: " + updated.summary());
    }
}
