package io.viberglass.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.FakeModelServer;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import io.viberglass.viberator.testing.FakeAgents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Gemini CLI run end to end through the credential broker: the real worker runs a Gemini stand-in that dumps what it
 * can read (its environment, {@code /proc/self/environ}) and then calls the model the way Gemini CLI's genai SDK does
 * ({@code $GOOGLE_GEMINI_BASE_URL/v1beta/models/…:streamGenerateContent?alt=sse}, key in {@code x-goog-api-key}). The
 * run completes, its usage is recorded from the stream's {@code usageMetadata}, and the planted key is found only at
 * the fake Gemini API: not in the agent's environment, the job's logs, nor any file the worker left.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class GeminiBrokerEndToEndTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(GeminiBrokerEndToEndTest.class);

    static final String GEMINI_KEY = "canary-gemini-" + UUID.randomUUID();
    static final Path WORK = SecretCanaryTest.Fixture.directory();
    static final Path REMOTE = SecretCanaryTest.Fixture.bareRepository(WORK);
    static final Path DUMP = WORK.resolve("what-gemini-saw.txt");
    static final FakeModelServer MODEL = new FakeModelServer();
    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB, overrides());

    private final Api api = Api.of(APP);
    private final Fixtures fixtures = new Fixtures(api);

    @AfterAll
    static void stop() {
        MODEL.close();
    }

    @Test
    void aGeminiRunCompletesThroughTheProxyWithUsageRecordedAndTheKeyNowhereInTheWorker() throws Exception {
        String key = api.post(
                        "/api/secrets", Map.of("name", "GEMINI_API_KEY", "storage", "database", "value", GEMINI_KEY))
                .expect(201)
                .json()
                .get("id")
                .asText();
        String project = api.post("/api/projects", Map.of("name", "Gemini"))
                .expect(201)
                .json()
                .get("id")
                .asText();
        // a plain git remote: the branch is pushed, and no pull request is needed to finish the run
        api.put(
                        "/api/projects/" + project + "/scm-config",
                        Map.of("repositoryUrl", REMOTE.toUri().toString(), "provider", "git"))
                .expect(200);
        String clanker = fixtures.activeClanker(
                Map.of("name", "Brokered Gemini", "agent", "gemini-cli", "secretIds", List.of(key)));
        String jobId = fixtures.runNewTicket(project, clanker, "Say hello");
        JsonNode job = api.awaitJobCompleted(jobId);

        String seen = Files.readString(DUMP);
        assertThat(seen)
                .contains("GEMINI_API_KEY=vgllm_")
                .contains("GOOGLE_GEMINI_BASE_URL=http://127.0.0.1:" + APP.getLocalPort() + "/api/llm/" + jobId
                        + "/gemini")
                .doesNotContain(GEMINI_KEY);
        assertThat(MODEL.received()).singleElement().satisfies(request -> {
            assertThat(request.path())
                    .isEqualTo("/v1beta/models/" + FakeModelServer.GEMINI_MODEL + ":streamGenerateContent?alt=sse");
            assertThat(request.header("x-goog-api-key")).isEqualTo(GEMINI_KEY);
        });
        JsonNode usage = api.get("/api/jobs/" + jobId + "/usage").expect(200).json();
        assertThat(usage.get("requests").asLong()).isEqualTo(1);
        assertThat(usage.get("inputTokens").asLong()).isEqualTo(100);
        assertThat(usage.get("outputTokens").asLong()).isEqualTo(40);
        assertThat(usage.get("cachedInputTokens").asLong()).isEqualTo(20);

        String logs = api.get("/api/jobs/" + jobId + "/logs?limit=5000").body();
        assertThat(logs).contains("GEMINI_API_KEY=").doesNotContain(GEMINI_KEY);
        StringBuilder files = new StringBuilder();
        try (Stream<Path> all = Files.walk(WORK)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                files.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(files.toString()).contains("GEMINI_API_KEY=vgllm_").doesNotContain(GEMINI_KEY);
    }

    static ConfigOverride[] overrides() {
        return new ConfigOverride[] {
            ConfigOverride.config(
                    "dispatch.local.command",
                    "java,-Xmx256m,-XX:TieredStopAtLevel=1,-jar," + FakeAgents.viberatorJar()),
            ConfigOverride.config(
                    "dispatch.local.workDirectory", WORK.resolve("work").toString()),
            ConfigOverride.config(
                    "dispatch.local.logDirectory", WORK.resolve("worker-logs").toString()),
            ConfigOverride.config("dispatch.pollInterval", "200ms"),
            ConfigOverride.config(
                    "dispatch.local.environment.VIBERATOR_GEMINI_CLI_BIN",
                    geminiAgent().toString()),
            ConfigOverride.config("dispatch.local.environment.VIBERATOR_AGENT_ENV_PASSTHROUGH", "CANARY_DUMP"),
            ConfigOverride.config("dispatch.local.environment.CANARY_DUMP", DUMP.toString()),
            ConfigOverride.config("llm.geminiBaseUrl", MODEL.baseUrl()),
            ConfigOverride.config("llm.prices." + FakeModelServer.GEMINI_MODEL + ".input", "1.25"),
            ConfigOverride.config("llm.prices." + FakeModelServer.GEMINI_MODEL + ".output", "10"),
        };
    }

    /** A Gemini CLI stand-in: dumps its environment, streams one answer as the genai SDK asks for it, prints JSON. */
    static Path geminiAgent() {
        try {
            Path bin = Files.createDirectories(WORK.resolve("bin"));
            Path script = bin.resolve("gemini");
            Files.writeString(
                    script,
                    """
                    #!/usr/bin/env bash
                    { echo "== env"; env; echo "== /proc/self/environ"; tr '\\0' '\\n' < /proc/self/environ; } > "$CANARY_DUMP"
                    reply=$(curl -sS -X POST \
                      "$GOOGLE_GEMINI_BASE_URL/v1beta/models/gemini-fake-1:streamGenerateContent?alt=sse" \
                      -H "x-goog-api-key: $GEMINI_API_KEY" -H "content-type: application/json" \
                      -d '{"contents":[{"role":"user","parts":[{"text":"Hi"}]}]}')
                    case "$reply" in
                      *usageMetadata*) ;;
                      *) echo '{"error":{"type":"api","message":"model call failed"}}'; exit 1 ;;
                    esac
                    grep -E '^(GEMINI|GOOGLE)' "$CANARY_DUMP" >&2
                    printf 'Hello\\n' > HELLO.md
                    printf 'Add greeting\\n' > PR_TITLE.md
                    cat <<'JSON'
                    {
                      "response": "Hello from Gemini.",
                      "stats": {"models": {"gemini-fake-1": {"tokens": {"prompt": 120, "candidates": 30, "cached": 20, "thoughts": 10}}}}
                    }
                    JSON
                    """);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            return script;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
