package io.viberglass.platform.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
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
import io.viberglass.viberator.testing.GitFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Plants two canary secrets — the agent's model key and the repository token — runs a job end to end with an agent
 * that tries to exfiltrate everything it can reach (its environment, {@code /proc/self/environ}, git's configuration,
 * the secrets directory) and prints it all, then calls the model the way Claude Code does (through the credential
 * broker's proxy, with the proxy token it was given), then searches every place a secret could end up: what the agent
 * saw, the job's logs and API responses, the platform's log output, the worker's console log, every file left in the
 * worker's directories and a dump of the whole database. The model key reaches only the (fake) model provider.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SecretCanaryTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(SecretCanaryTest.class);

    static final String MODEL_KEY = "canary-model-" + UUID.randomUUID();
    static final String GIT_TOKEN = "canary-git-" + UUID.randomUUID();
    static final Path WORK = Fixture.directory();
    static final Path REMOTE = Fixture.bareRepository(WORK);
    static final Path DUMP = WORK.resolve("what-the-agent-saw.txt");
    static final WireMockServer GITHUB = Fixture.github();
    static final FakeModelServer MODEL = new FakeModelServer();
    static final DropwizardAppExtension<PlatformConfiguration> APP =
            TestApp.on(DB, Fixture.overrides(WORK, DUMP, MODEL));

    static final ListAppender<ILoggingEvent> PLATFORM_LOG = new ListAppender<>();
    private final Api api = Api.of(APP);

    @BeforeAll
    static void captureThePlatformLog() {
        Fixture.capture(PLATFORM_LOG);
    }

    @AfterAll
    static void stop() {
        GITHUB.stop();
        MODEL.close();
    }

    @Test
    void noPlantedSecretAppearsAnywhereOutsideTheAgentThatNeedsIt() throws Exception {
        Scene scene = new Scene(api, APP.getLocalPort(), DB, PLATFORM_LOG, WORK, DUMP, GITHUB, MODEL);

        scene.plantRunAndScan("local", Map.of(), MODEL_KEY, GIT_TOKEN);
    }

    /**
     * One platform with its fakes, and the canary run on it for a clanker of any strategy: the local test and the Docker
     * one ({@link DockerSecretCanaryTest}) plant, run and search the same way.
     */
    record Scene(
            Api api,
            int port,
            TestDatabase db,
            ListAppender<ILoggingEvent> log,
            Path work,
            Path dump,
            WireMockServer fakeGithub,
            FakeModelServer model) {

        /** @return the finished job's id */
        String plantRunAndScan(
                String strategy, Map<String, Object> deploymentConfig, String modelKeyValue, String gitToken)
                throws Exception {
            String modelKey = api.post(
                            "/api/secrets",
                            Map.of("name", "ANTHROPIC_API_KEY", "storage", "database", "value", modelKeyValue))
                    .expect(201)
                    .json()
                    .get("id")
                    .asText();
            // the repository token is the GitHub integration's default credential (encrypted, never returned)
            String github = api.post(
                            "/api/integrations",
                            Map.of(
                                    "name",
                                    "Canary GitHub",
                                    "system",
                                    "github",
                                    "config",
                                    Map.of("owner", "acme", "repo", "shop", "apiUrl", fakeGithub.baseUrl())))
                    .expect(201)
                    .json()
                    .get("id")
                    .asText();
            api.post(
                            "/api/integrations/" + github + "/credentials",
                            Map.of("name", "canary-bot", "value", gitToken, "isDefault", true))
                    .expect(201);
            String project = api.post("/api/projects", Map.of("name", "Canary"))
                    .expect(201)
                    .json()
                    .get("id")
                    .asText();
            api.put(
                            "/api/projects/" + project + "/scm-config",
                            Map.of(
                                    "repositoryUrl",
                                    Fixture.remote(work).toUri().toString(),
                                    "provider",
                                    "github",
                                    "apiUrl",
                                    fakeGithub.baseUrl(),
                                    "integrationId",
                                    github))
                    .expect(200);
            String clanker = api.post(
                            "/api/clankers",
                            Map.of(
                                    "name",
                                    "Canary Claude " + strategy,
                                    "agent",
                                    "claude-code",
                                    "deploymentStrategy",
                                    strategy,
                                    "deploymentConfig",
                                    deploymentConfig,
                                    "secretIds",
                                    List.of(modelKey)))
                    .expect(201)
                    .json()
                    .get("id")
                    .asText();
            api.post("/api/clankers/" + clanker + "/start", Map.of());
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                            () -> api.get("/api/clankers/" + clanker)
                                    .json()
                                    .get("status")
                                    .asText(),
                            "active"::equals);
            String jobId = new Fixtures(api).runNewTicket(project, clanker, "Leak everything");
            JsonNode job = api.awaitJobCompleted(jobId);

            // the agent had a proxy token and the proxy's address instead of the model key, and never the repository
            // token, even via /proc or git; its model call reached the provider with the real key, added by the proxy
            String seen = Files.readString(dump);
            assertThat(seen)
                    .contains("== /proc/self/environ")
                    .contains("ANTHROPIC_API_KEY=vgllm_")
                    .contains("ANTHROPIC_BASE_URL=http://127.0.0.1:" + port + "/api/llm/" + jobId)
                    .doesNotContain(modelKeyValue)
                    .doesNotContain(gitToken)
                    .doesNotContain("CALLBACK_TOKEN")
                    .doesNotContain("VIBERATOR_SECRETS_DIR");
            // the token was used where it belongs: the pull request call
            fakeGithub.verify(postRequestedFor(urlPathEqualTo("/repos/acme/shop/pulls"))
                    .withHeader("Authorization", equalTo("token " + gitToken)));

            assertThat(model.received()).singleElement().satisfies(request -> assertThat(request.header("x-api-key"))
                    .isEqualTo(modelKeyValue));
            JsonNode usage =
                    api.get("/api/jobs/" + jobId + "/usage").expect(200).json();
            assertThat(usage.get("requests").asLong()).isEqualTo(1);
            assertThat(usage.get("outputTokens").asLong()).isEqualTo(15);

            String logs = job.get("logs").toString()
                    + api.get("/api/jobs/" + jobId + "/logs?limit=5000").body();
            assertThat(logs).contains("== /proc/self/environ").contains("[REDACTED]");
            assertThat(everywhere(jobId)).doesNotContain(modelKeyValue).doesNotContain(gitToken);
            assertThat(api.get("/api/integrations/" + github + "/credentials").body())
                    .contains("canary-bot")
                    .doesNotContain(gitToken);
            return jobId;
        }

        /** Every place a value could have landed, as one text. */
        String everywhere(String jobId) throws Exception {
            StringBuilder all = new StringBuilder();
            for (String path : List.of(
                    "/api/jobs/" + jobId,
                    "/api/jobs/" + jobId + "/logs?limit=5000",
                    "/api/jobs",
                    "/api/secrets",
                    "/api/integrations",
                    "/api/clankers",
                    "/api/tickets")) {
                all.append(api.get(path).body());
            }
            List<ILoggingEvent> events;
            synchronized (log) { // the appender is still receiving events from the platform's threads
                events = List.copyOf(log.list);
            }
            all.append(events.stream()
                    .map(event -> event.getFormattedMessage()
                            + (event.getThrowableProxy() == null
                                    ? ""
                                    : ThrowableProxyUtil.asString(event.getThrowableProxy())))
                    .collect(Collectors.joining("\n")));
            // every file the worker and its agent left: logs, the work tree, the scratch home, the agent's dump
            try (Stream<Path> files = Files.walk(work)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                }
            }
            Process dump = new ProcessBuilder("pg_dump", "-h", "127.0.0.1", "-U", "postgres", "--data-only", db.name())
                    .redirectErrorStream(true)
                    .start();
            String database = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(dump.waitFor()).as(database).isZero();
            assertThat(database).contains("ANTHROPIC_API_KEY");
            all.append(database);
            return all.toString();
        }
    }

    /** The scenery: a bare repository, a fake GitHub, and an agent that tries to read every secret it can. */
    static final class Fixture {
        /** Sends everything the platform logs from now on, at DEBUG and above, to {@code log}. */
        static void capture(ListAppender<ILoggingEvent> log) {
            Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
            root.setLevel(ch.qos.logback.classic.Level.DEBUG);
            log.start();
            root.addAppender(log);
        }

        static Path directory() {
            try {
                return Files.createTempDirectory("vg-canary-");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        static Path remote(Path work) {
            return work.resolve("remotes/acme/shop.git");
        }

        static Path bareRepository(Path work) {
            try {
                return GitFixtures.bareRepository(remote(work), Map.of());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        static ConfigOverride[] overrides(Path work, Path dump, FakeModelServer model) {
            Path agent = greedyAgent(work.resolve("bin"));
            return new ConfigOverride[] {
                ConfigOverride.config(
                        "dispatch.local.command",
                        "java,-Xmx256m,-XX:TieredStopAtLevel=1,-jar," + FakeAgents.viberatorJar()),
                ConfigOverride.config(
                        "dispatch.local.workDirectory", work.resolve("work").toString()),
                ConfigOverride.config(
                        "dispatch.local.logDirectory",
                        work.resolve("worker-logs").toString()),
                ConfigOverride.config("dispatch.pollInterval", "200ms"),
                ConfigOverride.config("dispatch.local.environment.VIBERATOR_CLAUDE_CODE_BIN", agent.toString()),
                ConfigOverride.config("dispatch.local.environment.VIBERATOR_AGENT_ENV_PASSTHROUGH", "CANARY_DUMP"),
                ConfigOverride.config("dispatch.local.environment.CANARY_DUMP", dump.toString()),
                ConfigOverride.config("llm.anthropicBaseUrl", model.baseUrl())
            };
        }

        /** A Claude Code stand-in (stream-json) that collects whatever it can read, prints it, then does its task. */
        static Path greedyAgent(Path bin) {
            try {
                Files.createDirectories(bin);
                Path script = bin.resolve("claude");
                Files.writeString(
                        script,
                        """
                        #!/usr/bin/env bash
                        {
                          echo "== env"; env
                          echo "== /proc/self/environ"; tr '\\0' '\\n' < /proc/self/environ
                          echo "== git config"; git config --list --show-origin 2>&1
                          echo "== .git/config"; cat .git/config 2>&1
                          echo "== secrets"; ls -la /run/secrets 2>&1; cat /run/secrets/* 2>&1
                        } > "$CANARY_DUMP"
                        # the model call, as Claude Code makes it: $ANTHROPIC_BASE_URL/v1/messages, key in x-api-key
                        reply=$(curl -sS -X POST "$ANTHROPIC_BASE_URL/v1/messages?beta=true" \
                          -H "x-api-key: $ANTHROPIC_API_KEY" -H "anthropic-version: 2023-06-01" \
                          -H "content-type: application/json" \
                          -d '{"model":"claude-fake-1","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"Hi"}]}')
                        case "$reply" in
                          *message_stop*) ;;
                          *) echo '{"type":"result","subtype":"success","is_error":true,"api_error_status":500,"num_turns":1,"result":"model call failed","permission_denials":[],"session_id":"canary"}'; exit 1 ;;
                        esac
                        json() { local s="$1"; s="${s//\\\\/\\\\\\\\}"; s="${s//\\"/\\\\\\"}"; s="${s//$'\\t'/ }"; printf '"%s"' "$s"; }
                        echo '{"type":"system","subtype":"init","session_id":"canary","tools":["Bash"],"model":"fake"}'
                        n=0
                        while IFS= read -r line; do
                          n=$((n+1))
                          echo "{\\"type\\":\\"assistant\\",\\"message\\":{\\"id\\":\\"m$n\\",\\"role\\":\\"assistant\\",\\"content\\":[{\\"type\\":\\"text\\",\\"text\\":$(json "$line")}]},\\"session_id\\":\\"canary\\"}"
                        done < "$CANARY_DUMP"
                        printf 'Hello\\n' > HELLO.md
                        printf 'Add greeting\\n' > PR_TITLE.md
                        echo '{"type":"result","subtype":"success","is_error":false,"num_turns":1,"result":"Done.","permission_denials":[],"session_id":"canary"}'
                        """);
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
                return script;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        static WireMockServer github() {
            WireMockServer server =
                    new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            server.stubFor(get(urlPathEqualTo("/repos/acme/shop"))
                    .willReturn(okJson("{\"id\":1,\"name\":\"shop\","
                            + "\"full_name\":\"acme/shop\",\"owner\":{\"login\":\"acme\"},\"url\":\"" + server.baseUrl()
                            + "/repos/acme/shop\"}")));
            server.stubFor(get(urlPathEqualTo("/repos/acme/shop/pulls")).willReturn(okJson("[]")));
            server.stubFor(post(urlPathEqualTo("/repos/acme/shop/pulls"))
                    .willReturn(aResponse()
                            .withStatus(201)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"number\":3,\"html_url\":"
                                    + "\"https://github.com/acme/shop/pull/3\",\"url\":\"" + server.baseUrl()
                                    + "/repos/acme/shop/pulls/3\"}")));
            return server;
        }
    }
}
