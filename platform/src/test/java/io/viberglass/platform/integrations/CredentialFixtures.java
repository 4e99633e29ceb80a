package io.viberglass.platform.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.IntegrationFixtures;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Integrations, their credentials and projects pushing with them, created through the public API. */
final class CredentialFixtures {
    static final String VALUE = "ghp_" + "cr3dential".repeat(4);

    private final Api api;
    private final IntegrationFixtures integrations;
    private final String githubApiUrl;

    CredentialFixtures(Api api, WireMockServer githubApi) {
        this.api = api;
        this.integrations = new IntegrationFixtures(api);
        this.githubApiUrl = githubApi.baseUrl();
    }

    /** GitHub's API as WireMock plays it: {@code /user} answers for any token, as a connection test needs. */
    static WireMockServer githubApi() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        server.stubFor(get(urlPathEqualTo("/user")).willReturn(okJson("{\"login\":\"shop-bot\",\"id\":1}")));
        return server;
    }

    String github() {
        return integrations.integration(
                "github", Map.of("owner", "acme", "repo", "shop", "apiUrl", githubApiUrl), null);
    }

    JsonNode credential(String integration, String name, boolean isDefault, Instant expiresAt) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "value", VALUE, "isDefault", isDefault));
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        return api.post(credentials(integration), body).expect(201).json();
    }

    /** A project whose GitHub repository pushes with {@code credential}, or with the integration's default. */
    String project(String integration, String credential) {
        String project = integrations.project();
        Map<String, Object> scm = new HashMap<>(
                Map.of("repositoryUrl", "https://github.com/acme/shop.git", "integrationId", integration));
        if (credential != null) {
            scm.put("integrationCredentialId", credential);
        }
        api.put("/api/projects/" + project + "/scm-config", scm).expect(200);
        return project;
    }

    String emptyProject() {
        return integrations.project();
    }

    static String credentials(String integration) {
        return "/api/integrations/" + integration + "/credentials";
    }

    static String id(JsonNode node) {
        return node.get("id").asText();
    }
}
