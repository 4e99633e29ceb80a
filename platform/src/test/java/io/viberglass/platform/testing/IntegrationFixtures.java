package io.viberglass.platform.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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

    /** A GitHub integration for {@code acme/shop} with an inbound webhook signed with {@code secret}, on a new project. */
    public InboundHook githubWebhook(String secret) {
        String integration = integration("github", Map.of("owner", "acme", "repo", "shop"), null);
        String webhook =
                inbound(integration, project(), secret, Map.of()).get("id").asText();
        return new InboundHook(integration, webhook);
    }

    /** An inbound webhook and the integration it belongs to. */
    public record InboundHook(String integrationId, String id) {}

    /** A database-stored secret under a fresh {@code HOOK_…} name, for a webhook to sign with; returns its id. */
    public String managedSecret(String value) {
        String name = "HOOK_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        return api.post("/api/secrets", Map.of("name", name, "storage", "database", "value", value))
                .expect(201)
                .json()
                .get("id")
                .asText();
    }

    public String project() {
        return api.post("/api/projects", Map.of("name", "Hooks " + UUID.randomUUID()))
                .expect(201)
                .json()
                .get("id")
                .asText();
    }

    /**
     * Waits (up to 20 s) for a delivery the ingress accepted to be processed, ignored or failed, and answers it as the
     * webhook's delivery log shows it.
     */
    public JsonNode awaitDelivery(String webhookId, Api.Reply accepted) {
        accepted.expect(202);
        String path = deliveries(webhookId) + accepted.json().get("id").asText();
        return await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> api.get(path).expect(200).json(), d -> List.of("processed", "ignored", "failed")
                        .contains(d.get("status").asText()));
    }

    /** A delivery as the webhook's delivery log shows it now. */
    public JsonNode delivery(String webhookId, String deliveryId) {
        return api.get(deliveries(webhookId) + deliveryId).expect(200).json();
    }

    /** The delivery log of a webhook, whose integration is looked up in the webhooks' status list. */
    private String deliveries(String webhookId) {
        String integration = api.get("/api/webhooks/status").json().get("webhooks").findParents("id").stream()
                .filter(w -> w.get("id").asText().equals(webhookId))
                .findFirst()
                .orElseThrow()
                .get("integrationId")
                .asText();
        return "/api/integrations/" + integration + "/webhooks/inbound/" + webhookId + "/deliveries/";
    }
}
