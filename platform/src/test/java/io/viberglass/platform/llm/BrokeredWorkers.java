package io.viberglass.platform.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.viberglass.common.job.Callbacks;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.FakeModelServer;
import io.viberglass.platform.testing.ShopFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * The scenery of the proxy tests: the platform dispatches to a local "worker" that only records what it was given (its
 * environment and its credential files) and exits, so a test can then play the worker and its agent with exactly
 * those credentials.
 */
final class BrokeredWorkers {
    static final String REAL_ANTHROPIC_KEY = "sk-ant-real-" + "r".repeat(24);
    static final String REAL_OPENAI_KEY = "sk-proj-real-" + "o".repeat(24);

    private final ShopFixture shop = ShopFixture.create("vg-llm-");
    private final Path captures = shop.work().resolve("captures");
    private String project;
    private final Map<String, String> secretIds = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger clankers = new java.util.concurrent.atomic.AtomicInteger();

    /** What one dispatched worker received. */
    record Worker(String jobId, Map<String, String> environment, Map<String, String> credentials) {
        String callbackToken() {
            return environment.get("CALLBACK_TOKEN");
        }

        String tenant() {
            return environment.get("TENANT_ID");
        }
    }

    ConfigOverride[] overrides(FakeModelServer model) {
        return new ConfigOverride[] {
            ConfigOverride.config("dispatch.local.command", captureScript().toString()),
            ConfigOverride.config("dispatch.local.environment.CAPTURE_DIR", captures.toString()),
            ConfigOverride.config("dispatch.pollInterval", "200ms"),
            ConfigOverride.config("llm.anthropicBaseUrl", model.baseUrl()),
            ConfigOverride.config("llm.openaiBaseUrl", model.baseUrl() + "/v1"),
            ConfigOverride.config("llm.geminiBaseUrl", model.baseUrl()),
            ConfigOverride.config("llm.qwenBaseUrl", model.baseUrl() + "/compatible-mode/v1"),
            ConfigOverride.config("llm.kimiBaseUrl", model.baseUrl() + "/kimi/v1"),
            ConfigOverride.config("llm.mistralBaseUrl", model.baseUrl() + "/mistral/v1"),
            ConfigOverride.config("llm.prices." + FakeModelServer.MODEL + ".input", "3"),
            ConfigOverride.config("llm.prices." + FakeModelServer.MODEL + ".output", "15"),
            ConfigOverride.config("llm.prices." + FakeModelServer.MODEL + ".cachedInput", "0.3"),
            ConfigOverride.config("llm.prices." + FakeModelServer.MODEL + ".cacheWrite", "3.75"),
        };
    }

    void stop() {
        shop.stop();
    }

    /** The project "Shop" (made once per platform). */
    synchronized String project(Api api) {
        if (project == null) {
            project = shop.project(api);
        }
        return project;
    }

    /** A new started local clanker of {@code agent} holding {@code keyName} = {@code keyValue} (one secret per name). */
    String clanker(Api api, String agent, String keyName, String keyValue) {
        return clanker(api, agent, keyName, keyValue, Map.of());
    }

    /** The same with agent options, such as an {@code endpoint} the proxy forwards to instead of the provider's. */
    String clanker(Api api, String agent, String keyName, String keyValue, Map<String, String> agentOptions) {
        String key = secretIds.computeIfAbsent(keyName, name -> api.post(
                        "/api/secrets", Map.of("name", name, "storage", "database", "value", keyValue))
                .expect(201)
                .json()
                .get("id")
                .asText());
        String id = api.post(
                        "/api/clankers",
                        Map.of(
                                "name",
                                "Brokered " + agent + " " + clankers.incrementAndGet(),
                                "agent",
                                agent,
                                "deploymentStrategy",
                                "local",
                                "secretIds",
                                List.of(key),
                                "agentOptions",
                                agentOptions))
                .expect(201)
                .json()
                .get("id")
                .asText();
        api.post("/api/clankers/" + id + "/start", Map.of()).expect(200);
        return id;
    }

    /** Runs a new ticket of {@code project} on {@code clanker} and waits for its worker to be started. */
    Worker run(Api api, String project, String clanker) throws IOException {
        return worker(queue(api, project, clanker));
    }

    /** Queues a run of a new ticket; returns the job id. */
    String queue(Api api, String project, String clanker) {
        String ticket = api.post(
                        "/api/tickets",
                        Map.of(
                                "projectId",
                                project,
                                "title",
                                "Use the model",
                                "workflowPhase",
                                "execution",
                                "workflowOverrideReason",
                                "proxy test"))
                .expect(201)
                .json()
                .get("id")
                .asText();
        return api.post("/api/tickets/" + ticket + "/run", Map.of("clankerId", clanker))
                .expect(202)
                .json()
                .get("jobId")
                .asText();
    }

    /** Whether a worker was started for the job. */
    boolean started(String jobId) {
        return Files.exists(captures.resolve(jobId).resolve("done"));
    }

    /** Waits for the job's worker to be started and returns what it was given. */
    Worker worker(String jobId) throws IOException {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> started(jobId));
        return new Worker(jobId, environment(captures.resolve(jobId)), credentials(captures.resolve(jobId)));
    }

    /** The worker's payload fetch, which also marks the job active. */
    static JsonNode bootstrap(Api api, Worker worker) {
        return api.withHeader(Callbacks.TOKEN_HEADER, worker.callbackToken())
                .withHeader(Callbacks.TENANT_HEADER, worker.tenant())
                .get("/api/jobs/" + worker.jobId() + "/bootstrap")
                .expect(200)
                .json();
    }

    private static Map<String, String> environment(Path capture) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String line : Files.readAllLines(capture.resolve("env"))) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                environment.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return environment;
    }

    private static Map<String, String> credentials(Path capture) throws IOException {
        Map<String, String> credentials = new LinkedHashMap<>();
        try (var files = Files.list(capture.resolve("secrets"))) {
            for (Path file : files.toList()) {
                credentials.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return credentials;
    }

    /** Copies its environment and its credential files (deleted when it exits) to CAPTURE_DIR/JOB_ID, then exits. */
    private Path captureScript() {
        try {
            Files.createDirectories(captures);
            Path script = shop.work().resolve("capture-worker");
            Files.writeString(
                    script,
                    """
                    #!/usr/bin/env bash
                    out="$CAPTURE_DIR/$JOB_ID"
                    mkdir -p "$out/secrets"
                    env > "$out/env"
                    cp "$VIBERATOR_SECRETS_DIR"/* "$out/secrets/" 2>/dev/null
                    touch "$out/done"
                    """);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            assertThat(script).isExecutable();
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
