package io.viberglass.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.FakeDockerEngine;
import io.viberglass.platform.testing.FakeModelServer;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import io.viberglass.viberator.testing.FakeAgents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The canary of {@link SecretCanaryTest} on a Docker clanker. A fake Docker Engine "runs" each container by starting the
 * real worker jar with exactly the container's environment, its tmpfs mount played by a private directory: the worker
 * trades its one-time token for the callback token and credentials, writes them into that directory, runs the greedy
 * agent, pushes and reports. Besides every place the local canary searches, the search covers everything the engine
 * was sent (container configuration, labels, command: what {@code docker inspect} would show) and the tmpfs afterwards.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DockerSecretCanaryTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(DockerSecretCanaryTest.class);

    static final String MODEL_KEY = "canary-model-" + UUID.randomUUID();
    static final String GIT_TOKEN = "canary-git-" + UUID.randomUUID();
    static final int PORT = freePort();
    static final Path WORK = SecretCanaryTest.Fixture.directory();
    static final Path REMOTE = SecretCanaryTest.Fixture.bareRepository(WORK);
    static final Path DUMP = WORK.resolve("what-the-agent-saw.txt");
    static final Path AGENT = SecretCanaryTest.Fixture.greedyAgent(WORK.resolve("bin"));
    static final WireMockServer GITHUB = SecretCanaryTest.Fixture.github();
    static final FakeModelServer MODEL = new FakeModelServer();
    static final List<Path> TMPFS = new CopyOnWriteArrayList<>();
    static final FakeDockerEngine ENGINE = new FakeDockerEngine().onStart(DockerSecretCanaryTest::runWorker);

    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(
            DB,
            ConfigOverride.config("server.applicationConnectors[0].port", Integer.toString(PORT)),
            ConfigOverride.config("publicUrl", "http://127.0.0.1:" + PORT),
            ConfigOverride.config("dispatch.docker.host", ENGINE::host),
            ConfigOverride.config("dispatch.docker.apiVersion", "1.43"),
            // the "container" runs on this host: no host.docker.internal to reach the platform by
            ConfigOverride.config("dispatch.docker.platformUrl", "http://127.0.0.1:" + PORT),
            ConfigOverride.config("dispatch.pollInterval", "200ms"),
            ConfigOverride.config("llm.anthropicBaseUrl", MODEL.baseUrl()));

    static final ListAppender<ILoggingEvent> PLATFORM_LOG = new ListAppender<>();
    private final Api api = Api.of(APP);

    @BeforeAll
    static void captureThePlatformLog() {
        SecretCanaryTest.Fixture.capture(PLATFORM_LOG);
    }

    @AfterAll
    static void stop() {
        GITHUB.stop();
        MODEL.close();
        ENGINE.close();
    }

    @Test
    void noPlantedSecretReachesTheEngineTheContainerOrAnythingElseOutsideTheAgentThatNeedsIt() throws Exception {
        SecretCanaryTest.Scene scene =
                new SecretCanaryTest.Scene(api, PORT, DB, PLATFORM_LOG, WORK, DUMP, GITHUB, MODEL);

        String jobId = scene.plantRunAndScan(
                "docker",
                Map.of(
                        "image",
                        "registry.test/viberator:1",
                        "environment",
                        Map.of(
                                "VIBERATOR_CLAUDE_CODE_BIN", AGENT.toString(),
                                "VIBERATOR_AGENT_ENV_PASSTHROUGH", "CANARY_DUMP",
                                "CANARY_DUMP", DUMP.toString())),
                MODEL_KEY,
                GIT_TOKEN);

        FakeDockerEngine.Container container = ENGINE.containers().stream()
                .filter(c ->
                        c.create().at("/Labels/io.viberglass.job-id").asText().equals(jobId))
                .findFirst()
                .orElseThrow();
        assertThat(container.tmpfs()).containsOnlyKeys("/run/viberglass");
        assertThat(container.environment()).containsKey("VIBERATOR_SECRET_BUNDLE_TOKEN");
        // what docker inspect, docker diff or docker export could show: the engine was never sent a value
        String engine = String.join("\n", ENGINE.requests());
        assertThat(engine)
                .contains("/containers/create")
                .doesNotContain(MODEL_KEY)
                .doesNotContain(GIT_TOKEN)
                .doesNotContain("vgllm_")
                .doesNotContain("/archive");
        // the spent token is no use to whoever reads it from the container's configuration afterwards
        Api.anonymous(APP)
                .withHeader("X-Secret-Bundle-Token", container.environment().get("VIBERATOR_SECRET_BUNDLE_TOKEN"))
                .withHeader("X-Tenant-Id", container.environment().get("TENANT_ID"))
                .post("/api/jobs/" + jobId + "/secret-bundle", Map.of())
                .expect(410);
        // the worker consumed the files it wrote into its tmpfs
        assertThat(TMPFS).singleElement().satisfies(dir -> assertThat(dir).isEmptyDirectory());
    }

    /** The container's process: the worker jar with the container's environment and nothing of the test's. */
    static void runWorker(FakeDockerEngine.Container container) {
        try {
            Path tmpfs = Files.createDirectories(
                    WORK.resolve("tmpfs-" + container.id().substring(0, 12)));
            Files.setPosixFilePermissions(tmpfs, PosixFilePermissions.fromString("rwx------"));
            TMPFS.add(tmpfs);
            Path logs = Files.createDirectories(WORK.resolve("worker-logs"));
            List<String> command = new ArrayList<>(List.of(
                    "java",
                    "-Xmx256m",
                    "-XX:TieredStopAtLevel=1",
                    "-jar",
                    FakeAgents.viberatorJar().toString(),
                    "job"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logs.resolve(container.id() + ".log").toFile());
            Map<String, String> environment = builder.environment();
            environment.clear();
            environment.put("PATH", System.getenv("PATH"));
            environment.put(
                    "HOME", Files.createDirectories(WORK.resolve("home")).toString());
            environment.putAll(container.environment());
            // the mount point inside the container is this directory outside it
            assertThat(environment.get("VIBERATOR_SECRETS_DIR")).isEqualTo("/run/viberglass");
            environment.put("VIBERATOR_SECRETS_DIR", tmpfs.toString());
            environment.put("WORK_DIR", WORK.resolve("work").toString());
            Process process = builder.start();
            process.onExit().thenRun(() -> ENGINE.exited(container.id()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
