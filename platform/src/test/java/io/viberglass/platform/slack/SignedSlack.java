package io.viberglass.platform.slack;

import io.viberglass.platform.testing.Api;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/** Sends requests to the platform as Slack does: form or JSON bodies signed with the app's signing secret. */
final class SignedSlack {
    private final Api api;
    private final String signingSecret;

    SignedSlack(Api api, String signingSecret) {
        this.api = api;
        this.signingSecret = signingSecret;
    }

    Api.Reply command(String channel, String user, String text, String triggerId) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        String[] pairs = {
            "token", "legacy-verification-token",
            "team_id", "T0001",
            "team_domain", "acme",
            "channel_id", channel,
            "channel_name", "dev",
            "user_id", user,
            "user_name", "alice",
            "command", "/viberator",
            "text", text,
            "api_app_id", "A0001",
            "response_url", "https://hooks.slack.com/commands/T0001/1/abc",
            "trigger_id", triggerId
        };
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return form(fields);
    }

    /** An interactivity payload ({@code payload=<json>}). */
    Api.Reply interaction(String json) {
        return form(Map.of("payload", json));
    }

    Api.Reply event(String json) {
        return send(
                json.getBytes(StandardCharsets.UTF_8),
                "application/json",
                Instant.now().getEpochSecond());
    }

    Api.Reply form(Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(
                body.getBytes(StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded",
                Instant.now().getEpochSecond());
    }

    Api.Reply send(byte[] body, String contentType, long timestamp) {
        return send(body, contentType, timestamp, SlackSignature.sign(signingSecret, timestamp, body));
    }

    Api.Reply send(byte[] body, String contentType, long timestamp, String signature) {
        HttpRequest.Builder request = api.builder("/api/webhooks/slack")
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return api.send(request);
    }
}
