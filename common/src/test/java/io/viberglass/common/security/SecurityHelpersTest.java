package io.viberglass.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityHelpersTest {

    @Test
    void callbackTokensAre64LowerCaseHexAndDistinct() {
        Tokens tokens = new Tokens(new SecureRandom());

        String a = tokens.randomHex(32);
        String b = tokens.randomHex(32);

        assertThat(a).matches("[0-9a-f]{64}");
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void storedHashMatchesOnlyTheOriginalToken() {
        String hash = Tokens.sha256Hex("secret-token");

        assertThat(hash).hasSize(64).isNotEqualTo("secret-token");
        assertThat(Tokens.matchesHash("secret-token", hash)).isTrue();
        assertThat(Tokens.matchesHash("secret-tokem", hash)).isFalse();
        assertThat(Tokens.matchesHash(null, hash)).isFalse();
    }

    @Test
    void githubSignatureVerifiesWithKnownVector() {
        // the example from GitHub's "Validating webhook deliveries" documentation
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        String expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

        assertThat(Hmac.prefixedHex(Hmac.Algorithm.SHA256, "It's a Secret to Everybody", body))
                .isEqualTo(expected);
        assertThat(Hmac.verify(Hmac.Algorithm.SHA256, "It's a Secret to Everybody", body, expected))
                .isTrue();
        assertThat(Hmac.verify(Hmac.Algorithm.SHA256, "It's a Secret to Everybody", body, expected.substring(7)))
                .isTrue();
    }

    @Test
    void tamperedBodyWrongSecretOrMissingHeaderFailVerification() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String signature = Hmac.prefixedHex(Hmac.Algorithm.SHA1, "s3cret", body);

        assertThat(Hmac.verify(Hmac.Algorithm.SHA1, "s3cret", body, signature)).isTrue();
        assertThat(Hmac.verify(Hmac.Algorithm.SHA1, "s3cret", "{\"a\":2}".getBytes(StandardCharsets.UTF_8), signature))
                .isFalse();
        assertThat(Hmac.verify(Hmac.Algorithm.SHA1, "other", body, signature)).isFalse();
        assertThat(Hmac.verify(Hmac.Algorithm.SHA1, "s3cret", body, null)).isFalse();
        assertThat(Hmac.verify(Hmac.Algorithm.SHA1, "", body, signature)).isFalse();
    }

    @Test
    void redactorScrubsKnownValuesAndTokenShapes() {
        SecretRedactor redactor = SecretRedactor.shapesOnly().withKnownValues(List.of("hunter2-long-value", "abc"));

        String line = "key=hunter2-long-value gh token ghp_" + "a".repeat(36)
                + " Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig url https://user:pa55word@git.example.com/x"
                + " sk-ant-" + "b".repeat(30) + " abc stays";

        String redacted = redactor.redact(line);

        assertThat(redacted)
                .doesNotContain("hunter2-long-value", "ghp_aaaa", "eyJhbGci", "pa55word", "sk-ant-bbbb")
                .contains("Bearer [REDACTED]", "https://user:[REDACTED]@git.example.com/x", "abc stays");
    }

    @Test
    void redactorLeavesOrdinaryTextAlone() {
        SecretRedactor redactor = SecretRedactor.shapesOnly();

        assertThat(redactor.redact("Cloned repository in 812 ms; 3 files changed"))
                .isEqualTo("Cloned repository in 812 ms; 3 files changed");
        assertThat(redactor.redact(null)).isNull();
    }

    @Test
    void secretValueNeverPrintsItself() {
        SecretValue value = SecretValue.of("super-secret");

        assertThat(value.toString()).doesNotContain("super-secret");
        assertThat(value.reveal()).isEqualTo("super-secret");
        assertThat(value).isEqualTo(SecretValue.of("super-secret"));
    }
}
