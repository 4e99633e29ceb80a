package io.viberglass.platform.webhooks;

import io.viberglass.platform.integrations.IntegrationSystem;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which headers name a delivery and its event, per provider. The delivery id deduplicates retries: GitHub
 * {@code X-GitHub-Delivery}, GitLab {@code Idempotency-Key} (the same on its retries) or {@code X-Gitlab-Event-UUID},
 * Jira {@code X-Atlassian-Webhook-Identifier}, custom {@code X-Webhook-Delivery-Id}; without one, a hash of the body
 * (an identical body is the same delivery).
 */
final class DeliveryIds {
    private DeliveryIds() {}

    private static final Map<IntegrationSystem, List<String>> ID_HEADERS = Map.of(
            IntegrationSystem.GITHUB, List.of("X-GitHub-Delivery"),
            IntegrationSystem.GITLAB, List.of("Idempotency-Key", "X-Gitlab-Event-UUID", "X-Gitlab-Webhook-UUID"),
            IntegrationSystem.JIRA, List.of("X-Atlassian-Webhook-Identifier", "X-Request-Id"),
            IntegrationSystem.SHORTCUT, List.of("X-Shortcut-Delivery", "X-Request-Id"),
            IntegrationSystem.CUSTOM, List.of("X-Webhook-Delivery-Id", "X-Request-Id"));

    private static final Map<IntegrationSystem, String> EVENT_HEADERS = Map.of(
            IntegrationSystem.GITHUB, "X-GitHub-Event",
            IntegrationSystem.GITLAB, "X-Gitlab-Event");

    static String deliveryId(IntegrationSystem provider, Function<String, String> headers, byte[] body) {
        for (String header : ID_HEADERS.getOrDefault(provider, List.of())) {
            String value = headers.apply(header);
            if (value != null && !value.isBlank()) {
                return value.length() > 200 ? value.substring(0, 200) : value.strip();
            }
        }
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The event named by a header ({@code issues}, {@code Issue Hook}); {@code null} for body-typed providers. */
    static String headerEvent(IntegrationSystem provider, Function<String, String> headers) {
        String header = EVENT_HEADERS.get(provider);
        String value = header == null ? null : headers.apply(header);
        return value == null ? null : Nodes.truncate(value.strip(), 100);
    }

    /** The headers kept with a delivery: its event and id, for the log and for reprocessing. Never signatures. */
    static Map<String, String> kept(IntegrationSystem provider, Function<String, String> headers) {
        Map<String, String> kept = new LinkedHashMap<>();
        String eventHeader = EVENT_HEADERS.get(provider);
        if (eventHeader != null && headers.apply(eventHeader) != null) {
            kept.put(eventHeader, headers.apply(eventHeader));
        }
        for (String header : ID_HEADERS.getOrDefault(provider, List.of())) {
            if (headers.apply(header) != null) {
                kept.put(header, headers.apply(header));
            }
        }
        String agent = headers.apply("User-Agent");
        if (agent != null) {
            kept.put("User-Agent", agent.length() > 200 ? agent.substring(0, 200) : agent);
        }
        return kept;
    }
}
