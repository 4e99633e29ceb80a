package io.viberglass.platform.feedback;

import io.viberglass.common.security.Hmac;
import io.viberglass.platform.integrations.ProviderHttp;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A custom HTTP target: the event JSON exactly as written to the outbox, with {@code X-Viberglass-Event},
 * {@code X-Viberglass-Delivery} (the same on every retry, for the receiver to drop duplicates), the target's headers,
 * its auth (bearer, basic or a named header) and, when it has a signing secret,
 * {@code X-Viberglass-Signature: sha256=<hex HMAC of the body>}.
 */
final class CustomTargetSender implements FeedbackSender {
    private final ProviderHttp http;

    CustomTargetSender(ProviderHttp http) {
        this.http = http;
    }

    @Override
    public Attempt send(Outgoing out) throws IOException {
        FeedbackTarget target = out.target();
        byte[] body = out.body().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>(target.headers());
        headers.put("Content-Type", "application/json");
        headers.put("X-Viberglass-Event", out.event().eventType().wire());
        headers.put("X-Viberglass-Delivery", out.deliveryId().toString());
        String auth = target.option("authType", "none");
        if (!auth.equals("none")) {
            if (out.token() == null) {
                return Attempt.dead(null, "The target's " + auth + " credential is missing");
            }
            switch (auth) {
                case "bearer" ->
                    headers.put("Authorization", "Bearer " + out.token().reveal());
                case "basic" ->
                    headers.put(
                            "Authorization",
                            "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString((target.option("authUsername", "") + ":"
                                                            + out.token().reveal())
                                                    .getBytes(StandardCharsets.UTF_8)));
                case "header" ->
                    headers.put(
                            target.option("authHeaderName", "X-Api-Key"),
                            out.token().reveal());
                default -> {
                    return Attempt.dead(null, "Unknown auth type " + auth);
                }
            }
        }
        if (out.signingSecret() != null) {
            Hmac.Algorithm algorithm = Hmac.Algorithm.fromLabel(target.option("signatureAlgorithm", "sha256"));
            headers.put(
                    "X-Viberglass-Signature",
                    Hmac.prefixedHex(algorithm, out.signingSecret().reveal(), body));
            headers.put("X-Viberglass-Signature-Algorithm", algorithm.prefix());
        }
        ProviderHttp.Reply reply =
                http.send(target.option("method", "POST"), URI.create(target.option("targetUrl", "")), headers, body);
        return Attempt.of(
                reply, "Calling " + URI.create(target.option("targetUrl", "")).getHost());
    }
}
