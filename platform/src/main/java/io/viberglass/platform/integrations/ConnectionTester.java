package io.viberglass.platform.integrations;

import io.viberglass.common.security.SecretValue;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Calls a provider's "who am I" endpoint with the integration's token: GitHub {@code GET /user}, GitLab
 * {@code GET /api/v4/user}, Jira {@code GET /rest/api/3/myself}, Shortcut {@code GET /api/v3/member}, Slack
 * {@code POST auth.test}.
 */
public class ConnectionTester {
    private final ProviderHttp http;

    public ConnectionTester(ProviderHttp http) {
        this.http = http;
    }

    public ConnectionResult test(Integration integration, SecretValue token) {
        if (integration.system() == IntegrationSystem.CUSTOM) {
            return new ConnectionResult(true, "Custom integrations have no provider to connect to", null);
        }
        if (token == null) {
            return new ConnectionResult(false, "No API token is configured for this integration", null);
        }
        try {
            ProviderHttp.Reply reply = call(integration, token);
            if (integration.system() == IntegrationSystem.SLACK
                    && reply.ok()
                    && !reply.body().contains("\"ok\":true")) {
                return new ConnectionResult(false, "Slack refused the token", reply.status());
            }
            return reply.ok()
                    ? new ConnectionResult(
                            true, "Connected to " + integration.system().label(), reply.status())
                    : new ConnectionResult(
                            false, integration.system().label() + " answered HTTP " + reply.status(), reply.status());
        } catch (IOException e) {
            return new ConnectionResult(
                    false,
                    integration.system().label() + " is unreachable: "
                            + e.getClass().getSimpleName(),
                    null);
        }
    }

    private ProviderHttp.Reply call(Integration integration, SecretValue token) throws IOException {
        return switch (integration.system()) {
            case GITHUB ->
                http.send(
                        "GET",
                        URI.create(ProviderUrls.githubApi(integration) + "/user"),
                        Map.of(
                                "Authorization", "Bearer " + token.reveal(),
                                "Accept", "application/vnd.github+json",
                                "X-GitHub-Api-Version", "2022-11-28"),
                        null);
            case GITLAB ->
                http.send(
                        "GET",
                        URI.create(ProviderUrls.gitlabApi(integration) + "/user"),
                        Map.of("PRIVATE-TOKEN", token.reveal()),
                        null);
            case JIRA ->
                http.send(
                        "GET",
                        URI.create(ProviderUrls.jiraApi(integration) + "/myself"),
                        Map.of("Authorization", jiraAuthorization(integration, token), "Accept", "application/json"),
                        null);
            case SHORTCUT ->
                http.send(
                        "GET",
                        URI.create(ProviderUrls.shortcutApi(integration) + "/member"),
                        Map.of("Shortcut-Token", token.reveal()),
                        null);
            case SLACK ->
                http.send(
                        "POST",
                        URI.create(integration.setting("apiUrl", "https://slack.com/api") + "/auth.test"),
                        Map.of("Authorization", "Bearer " + token.reveal()),
                        new byte[0]);
            case CUSTOM -> throw new IllegalStateException("custom integrations are not tested");
        };
    }

    /** Jira Cloud takes Basic {@code email:apiToken}; Jira Data Center takes a personal access token as Bearer. */
    public static String jiraAuthorization(Integration integration, SecretValue token) {
        String email = integration.setting("email", null);
        if (email == null) {
            return "Bearer " + token.reveal();
        }
        return "Basic "
                + Base64.getEncoder().encodeToString((email + ":" + token.reveal()).getBytes(StandardCharsets.UTF_8));
    }
}
