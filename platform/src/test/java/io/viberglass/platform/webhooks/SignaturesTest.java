package io.viberglass.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.viberglass.common.security.Hmac;
import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.integrations.IntegrationSystem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each provider's signature scheme, checked on raw bytes. */
class SignaturesTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final SecretValue KEY = SecretValue.of(SECRET);

    @Test
    void github_acceptsItsDocumentedExample_andRejectsAnyOtherSignature() {
        // the example from GitHub's "Validating webhook deliveries" documentation
        String documented = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assertThat(verify(IntegrationSystem.GITHUB, Map.of("X-Hub-Signature-256", documented))
                        .valid())
                .isTrue();
        assertThat(verify(IntegrationSystem.GITHUB, Map.of("X-Hub-Signature-256", documented.replace('7', '8')))
                        .valid())
                .isFalse();
        assertThat(verify(IntegrationSystem.GITHUB, Map.of()).reason()).contains("X-Hub-Signature-256");
    }

    @Test
    void gitlab_comparesTheTokenItself() {
        assertThat(verify(IntegrationSystem.GITLAB, Map.of("X-Gitlab-Token", SECRET))
                        .valid())
                .isTrue();
        assertThat(verify(IntegrationSystem.GITLAB, Map.of("X-Gitlab-Token", SECRET + " "))
                        .valid())
                .isFalse();
    }

    @Test
    void jiraAndShortcut_signWithHmacSha256_prefixedOrBare() {
        String hex = Hmac.hex(Hmac.Algorithm.SHA256, SECRET, BODY);
        assertThat(verify(IntegrationSystem.JIRA, Map.of("X-Hub-Signature", "sha256=" + hex))
                        .valid())
                .isTrue();
        assertThat(verify(IntegrationSystem.SHORTCUT, Map.of("Payload-Signature", hex))
                        .valid())
                .isTrue();
        assertThat(verify(IntegrationSystem.SHORTCUT, Map.of("X-Hub-Signature", hex))
                        .valid())
                .isFalse();
    }

    @Test
    void custom_usesItsConfiguredHeaderAndAlgorithm() {
        InboundConfig sha1 =
                config(IntegrationSystem.CUSTOM, Map.of("signatureHeader", "X-Sig", "signatureAlgorithm", "sha1"));
        String signature = Hmac.prefixedHex(Hmac.Algorithm.SHA1, SECRET, BODY);
        assertThat(Signatures.verify(IntegrationSystem.CUSTOM, sha1, KEY, Map.of("X-Sig", signature)::get, BODY)
                        .valid())
                .isTrue();
        assertThat(Signatures.verify(
                                IntegrationSystem.CUSTOM,
                                config(IntegrationSystem.CUSTOM, Map.of()),
                                KEY,
                                Map.of("X-Webhook-Signature-256", signature)::get,
                                BODY)
                        .valid())
                .isFalse();
    }

    private static Signatures.Verdict verify(IntegrationSystem provider, Map<String, String> headers) {
        return Signatures.verify(provider, config(provider, Map.of()), KEY, headers::get, BODY);
    }

    static InboundConfig config(IntegrationSystem provider, Map<String, Object> options) {
        Instant now = Instant.parse("2026-11-28T00:00:00Z");
        return new InboundConfig(
                UUID.randomUUID(),
                UUID.randomUUID(),
                provider,
                UUID.randomUUID(),
                null,
                UUID.randomUUID(),
                true,
                List.of(),
                false,
                AutoExecuteMode.MATCHING_EVENTS,
                List.of(),
                "viberglass-bot",
                null,
                null,
                options,
                true,
                0,
                null,
                now,
                now);
    }
}
