package io.viberglass.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Integrations and their webhooks, created through the public API. */
public final class IntegrationFixtures {
    private final Api api;

    public IntegrationFixtures(Api api) {
        this.api = api;
    }

    public String integration(String system, Map<String, Object> config, String token) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", system + " " + UUID.randomUUID().toString().substring(0, 8));
        body.put("system", system);
        body.put("config", config);
        if (token != null) {
            body.put("token", token);
        }
        return api.post("/api/integrations", body).expect(201).json().get("id").asText();
    }

    /** An inbound webhook with the given settings and a known secret; returns its view. */
    public JsonNode inbound(String integrationId, String projectId, String secret, Map<String, Object> settings) {
        Map<String, Object> body = new HashMap<>(settings);
        body.put("projectId", projectId);
        body.put("webhookSecret", secret);
        return api.post("/api/integrations/" + integrationId + "/webhooks/inbound", body)
                .expect(201)
                .json();
    }

    public String project() {
        return api.post("/api/projects", Map.of("name", "Hooks " + UUID.randomUUID()))
                .expect(201)
                .json()
                .get("id")
                .asText();
    }
}
