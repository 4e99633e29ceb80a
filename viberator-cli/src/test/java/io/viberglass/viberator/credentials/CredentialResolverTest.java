package io.viberglass.viberator.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.viberglass.common.security.SecretValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialResolverTest {
    @TempDir
    Path temp;

    Path secrets;

    @org.junit.jupiter.api.BeforeEach
    void setUp() throws Exception {
        secrets = Files.createDirectories(temp.resolve("secrets"));
    }

    @Test
    void aMountedFileWinsOverTheEnvironmentAndLosesItsTrailingNewline() throws Exception {
        Files.writeString(secrets.resolve("GITHUB_TOKEN"), "from-file-123\n");
        CredentialResolver resolver = new CredentialResolver(secrets, Map.of("GITHUB_TOKEN", "from-env-456"));

        Credentials found = resolver.resolve(List.of("GITHUB_TOKEN"));

        assertThat(found.get("GITHUB_TOKEN")).contains(SecretValue.of("from-file-123"));
        assertThat(resolver.source("GITHUB_TOKEN")).startsWith("file ");
    }

    @Test
    void theEnvironmentIsTheFallbackAndMissingNamesAreListed() {
        CredentialResolver resolver = new CredentialResolver(secrets, Map.of("OPENAI_API_KEY", "sk-env-value"));

        Credentials found = resolver.resolve(List.of("OPENAI_API_KEY", "NOPE"));

        assertThat(found.names()).containsExactly("OPENAI_API_KEY");
        assertThat(resolver.missing(List.of("OPENAI_API_KEY", "NOPE"), found)).containsExactly("NOPE");
        assertThat(found.toString()).doesNotContain("sk-env-value");
    }

    @Test
    void namesThatWouldEscapeTheDirectoryAreNotReadAsFiles() throws Exception {
        Files.writeString(secrets.resolveSibling("outside"), "stolen");
        CredentialResolver resolver = new CredentialResolver(secrets, Map.of());

        assertThat(resolver.lookup("../outside")).isEmpty();
    }

    @Test
    void theRedactorScrubsEveryKnownValue() {
        Credentials credentials =
                new Credentials(Map.of("A", SecretValue.of("value-one-1"), "B", SecretValue.of("value-two-2")));

        assertThat(credentials.redactor().redact("x value-one-1 y value-two-2")).isEqualTo("x [REDACTED] y [REDACTED]");
    }
}
