package io.viberglass.platform.integrations;

import com.fasterxml.jackson.databind.JsonNode;
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

    CredentialFixtures(Api api, String githubApiUrl) {
        this.api = api;
        this.integrations = new IntegrationFixtures(api);
        this.githubApiUrl = githubApiUrl;
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
