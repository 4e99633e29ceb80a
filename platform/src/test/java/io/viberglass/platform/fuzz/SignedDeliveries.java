package io.viberglass.platform.fuzz;

import io.viberglass.common.security.Hmac;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.IntegrationFixtures;
import io.viberglass.platform.testing.WebhookSender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One inbound webhook per provider with a known secret, and correctly signed deliveries for each, so that a test can
 * spoil exactly one byte of the signature or the body.
 */
final class SignedDeliveries {
    static final String SECRET = "fuzz-signing-secret-" + "s".repeat(20);

    /** A delivery as the provider would send it; {@code signatureHeader} carries the credential. */
    record Delivery(
            String provider, String webhookId, Map<String, String> headers, String signatureHeader, byte[] body) {}

    private final Map<String, String> webhooks = new LinkedHashMap<>();

    SignedDeliveries(Api admin, String projectId) {
        IntegrationFixtures fixtures = new IntegrationFixtures(admin);
        add(fixtures, projectId, "github", Map.of("owner", "acme", "repo", "shop"));
        add(fixtures, projectId, "gitlab", Map.of("projectPath", "acme/shop"));
        add(fixtures, projectId, "shortcut", Map.of());
        add(fixtures, projectId, "custom", Map.of());
    }

    private void add(IntegrationFixtures fixtures, String projectId, String provider, Map<String, Object> config) {
        String integration = fixtures.integration(provider, config, null);
        webhooks.put(
                provider,
                fixtures.inbound(integration, projectId, SECRET, Map.of())
                        .get("id")
                        .asText());
    }

    List<String> providers() {
        return List.copyOf(webhooks.keySet());
    }

    String webhookId(String provider) {
        return webhooks.get(provider);
    }

    Delivery signed(String provider) {
        String id = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>();
        return switch (provider) {
            case "github" -> {
                byte[] body = WebhookSender.fixture("github/issues-opened.json");
                headers.put("X-GitHub-Event", "issues");
                headers.put("X-GitHub-Delivery", id);
                headers.put("X-Hub-Signature-256", Hmac.prefixedHex(Hmac.Algorithm.SHA256, SECRET, body));
                yield new Delivery(provider, webhooks.get(provider), headers, "X-Hub-Signature-256", body);
            }
            case "gitlab" -> {
                byte[] body = WebhookSender.fixture("gitlab/issue-open.json");
                headers.put("X-Gitlab-Event", "Issue Hook");
                headers.put("Idempotency-Key", id);
                headers.put("X-Gitlab-Token", SECRET);
                yield new Delivery(provider, webhooks.get(provider), headers, "X-Gitlab-Token", body);
            }
            case "shortcut" -> {
                byte[] body = WebhookSender.fixture("shortcut/story-created.json");
                headers.put("Payload-Signature", Hmac.hex(Hmac.Algorithm.SHA256, SECRET, body));
                yield new Delivery(provider, webhooks.get(provider), headers, "Payload-Signature", body);
            }
            default -> {
                byte[] body = WebhookSender.fixture("custom/ticket.json");
                headers.put("X-Webhook-Delivery-Id", id);
                headers.put("X-Webhook-Signature-256", Hmac.prefixedHex(Hmac.Algorithm.SHA256, SECRET, body));
                yield new Delivery(provider, webhooks.get(provider), headers, "X-Webhook-Signature-256", body);
            }
        };
    }
}
