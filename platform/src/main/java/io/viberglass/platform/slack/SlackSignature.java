package io.viberglass.platform.slack;

import io.viberglass.common.security.Hmac;
import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.infra.errors.DomainException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Slack's request signature (v0): {@code X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<timestamp>:<raw body>">} keyed
 * with the app's signing secret, and {@code X-Slack-Request-Timestamp} within the allowed skew of now, so a captured
 * request cannot be replayed later. Checked on the raw bytes before anything parses them.
 */
public class SlackSignature {
    private final Clock clock;
    private final Duration maxSkew;

    public SlackSignature(Clock clock, Duration maxSkew) {
        this.clock = clock;
        this.maxSkew = maxSkew;
    }

    /** The header value Slack would send for {@code body} at {@code timestamp} (seconds). */
    public static String sign(String secret, long timestamp, byte[] body) {
        return "v0=" + Hmac.hex(Hmac.Algorithm.SHA256, secret, baseString(timestamp, body));
    }

    /** Throws an unauthorized error unless the request is signed with {@code secret} and fresh. */
    public void verify(SecretValue secret, String timestampHeader, String signatureHeader, byte[] body) {
        long timestamp = parseTimestamp(timestampHeader);
        Instant sent = Instant.ofEpochSecond(timestamp);
        Duration age = Duration.between(sent, clock.instant()).abs();
        if (age.compareTo(maxSkew) > 0) {
            throw DomainException.unauthorized("The Slack request timestamp is outside the allowed window");
        }
        if (signatureHeader == null) {
            throw DomainException.unauthorized("The Slack request is not signed");
        }
        byte[] expected = sign(secret.reveal(), timestamp, body).getBytes(StandardCharsets.US_ASCII);
        byte[] presented = signatureHeader.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, presented)) {
            throw DomainException.unauthorized("The Slack request signature does not match");
        }
    }

    private static long parseTimestamp(String header) {
        if (header == null || header.isBlank()) {
            throw DomainException.unauthorized("The Slack request has no timestamp");
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw DomainException.unauthorized("The Slack request timestamp is not a number");
        }
    }

    private static byte[] baseString(long timestamp, byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 24);
        bytes.writeBytes(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(body);
        return bytes.toByteArray();
    }
}
