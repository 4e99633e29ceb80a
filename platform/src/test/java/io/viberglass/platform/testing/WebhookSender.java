package io.viberglass.platform.testing;

import io.viberglass.common.security.Hmac;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Delivers webhooks the way each provider does: its real payload fixtures ({@code src/test/resources/webhooks}) with
 * its real headers and signatures.
 */
public final class WebhookSender {
    private final Api api;

    public WebhookSender(Api api) {
        this.api = api;
    }

    /** A fixture's bytes, with {@code __NAME__} placeholders replaced. */
    public static byte[] fixture(String path, Map<String, String> replacements) {
        try (InputStream in = WebhookSender.class.getResourceAsStream("/webhooks/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> entry : replacements.entrySet()) {
                text = text.replace("__" + entry.getKey() + "__", entry.getValue());
            }
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] fixture(String path) {
        return fixture(path, Map.of());
    }

    /** GitHub: {@code X-GitHub-Event}, {@code X-GitHub-Delivery}, {@code X-Hub-Signature-256: sha256=…}. */
    public Api.Reply github(String webhookId, String secret, String event, String deliveryId, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-GitHub-Event", event);
        headers.put("X-GitHub-Delivery", deliveryId);
        headers.put("X-GitHub-Hook-ID", "292430182");
        headers.put("User-Agent", "GitHub-Hookshot/044aadd");
        headers.put("X-Hub-Signature-256", Hmac.prefixedHex(Hmac.Algorithm.SHA256, secret, body));
        return post("github", webhookId, headers, body);
    }

    /** GitLab: {@code X-Gitlab-Event}, {@code X-Gitlab-Token} (the secret itself), {@code Idempotency-Key}. */
    public Api.Reply gitlab(String webhookId, String token, String event, String idempotencyKey, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Gitlab-Event", event);
        headers.put("X-Gitlab-Token", token);
        headers.put("X-Gitlab-Instance", "https://gitlab.example.com");
        headers.put("X-Gitlab-Event-UUID", UUID.randomUUID().toString());
        headers.put("Idempotency-Key", idempotencyKey);
        headers.put("User-Agent", "GitLab/17.5.0");
        return post("gitlab", webhookId, headers, body);
    }

    /** Jira Cloud: {@code X-Hub-Signature: sha256=…}, {@code X-Atlassian-Webhook-Identifier}. */
    public Api.Reply jira(String webhookId, String secret, String identifier, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Atlassian-Webhook-Identifier", identifier);
        headers.put("X-Hub-Signature", Hmac.prefixedHex(Hmac.Algorithm.SHA256, secret, body));
        headers.put("User-Agent", "Atlassian Webhook HTTP Client");
        return post("jira", webhookId, headers, body);
    }

    /** Shortcut: {@code Payload-Signature: <hex HMAC-SHA256>}. */
    public Api.Reply shortcut(String webhookId, String secret, byte[] body) {
        return post(
                "shortcut",
                webhookId,
                Map.of("Payload-Signature", Hmac.hex(Hmac.Algorithm.SHA256, secret, body), "User-Agent", "Shortcut"),
                body);
    }

    /** Custom: {@code X-Webhook-Signature-256: sha256=…} and {@code X-Webhook-Delivery-Id}. */
    public Api.Reply custom(String webhookId, String secret, String deliveryId, byte[] body) {
        return post(
                "custom",
                webhookId,
                Map.of(
                        "X-Webhook-Signature-256",
                        Hmac.prefixedHex(Hmac.Algorithm.SHA256, secret, body),
                        "X-Webhook-Delivery-Id",
                        deliveryId),
                body);
    }

    public Api.Reply post(String provider, String webhookId, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = api.builder("/api/webhooks/" + provider + "/" + webhookId)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return api.send(request);
    }
}
