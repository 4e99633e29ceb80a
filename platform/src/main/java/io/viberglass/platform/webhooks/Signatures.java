package io.viberglass.platform.webhooks;

import io.viberglass.common.security.Hmac;
import io.viberglass.common.security.SecretValue;
import io.viberglass.common.security.Tokens;
import io.viberglass.platform.integrations.IntegrationSystem;
import java.util.function.Function;

/**
 * Checks a delivery's signature on the raw body, before anything parses it, in constant time:
 * <ul>
 *   <li>GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256>} (or the older {@code X-Hub-Signature: sha1=…})
 *   <li>GitLab: {@code X-Gitlab-Token} equal to the secret
 *   <li>Jira: {@code X-Hub-Signature: sha256=<hex>} (or {@code X-Atlassian-Webhook-Signature})
 *   <li>Shortcut: {@code Payload-Signature: <hex HMAC-SHA256>}
 *   <li>custom: the configured header (default {@code X-Webhook-Signature-256}), {@code sha256=} or {@code sha1=} hex
 * </ul>
 */
final class Signatures {
    private Signatures() {}

    /** Whether the delivery is signed with the secret; {@code reason} says why not. */
    record Verdict(boolean valid, String reason) {
        static final Verdict VALID = new Verdict(true, null);
    }

    static Verdict verify(
            IntegrationSystem provider,
            InboundConfig config,
            SecretValue secret,
            Function<String, String> headers,
            byte[] body) {
        return switch (provider) {
            case GITHUB -> {
                String sha256 = headers.apply("X-Hub-Signature-256");
                if (sha256 != null) {
                    yield hmac(Hmac.Algorithm.SHA256, secret, body, sha256, "X-Hub-Signature-256");
                }
                String sha1 = headers.apply("X-Hub-Signature");
                yield sha1 == null
                        ? missing("X-Hub-Signature-256")
                        : hmac(Hmac.Algorithm.SHA1, secret, body, sha1, "X-Hub-Signature");
            }
            case GITLAB -> {
                String token = headers.apply("X-Gitlab-Token");
                if (token == null) {
                    yield missing("X-Gitlab-Token");
                }
                yield Tokens.constantTimeEquals(secret.reveal(), token)
                        ? Verdict.VALID
                        : new Verdict(false, "X-Gitlab-Token does not match the webhook's secret");
            }
            case JIRA -> {
                String signature = headers.apply("X-Hub-Signature");
                String header = "X-Hub-Signature";
                if (signature == null) {
                    signature = headers.apply("X-Atlassian-Webhook-Signature");
                    header = "X-Atlassian-Webhook-Signature";
                }
                yield signature == null
                        ? missing("X-Hub-Signature")
                        : hmac(Hmac.Algorithm.SHA256, secret, body, signature, header);
            }
            case SHORTCUT -> {
                String signature = headers.apply("Payload-Signature");
                yield signature == null
                        ? missing("Payload-Signature")
                        : hmac(Hmac.Algorithm.SHA256, secret, body, signature, "Payload-Signature");
            }
            case CUSTOM -> {
                String header = config.option("signatureHeader", InboundConfig.DEFAULT_SIGNATURE_HEADER);
                String signature = headers.apply(header);
                yield signature == null
                        ? missing(header)
                        : hmac(
                                Hmac.Algorithm.fromLabel(config.option("signatureAlgorithm", "sha256")),
                                secret,
                                body,
                                signature,
                                header);
            }
            case SLACK -> new Verdict(false, "Slack deliveries are not accepted here");
        };
    }

    private static Verdict hmac(
            Hmac.Algorithm algorithm, SecretValue secret, byte[] body, String presented, String header) {
        return Hmac.verify(algorithm, secret.reveal(), body, presented)
                ? Verdict.VALID
                : new Verdict(false, header + " does not match the body signed with the webhook's secret");
    }

    private static Verdict missing(String header) {
        return new Verdict(false, "The " + header + " signature header is missing");
    }
}
