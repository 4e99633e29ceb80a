package io.viberglass.viberator.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.viberglass.common.job.AgentSpec;
import io.viberglass.common.job.AgentType;
import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.LogBatch;
import io.viberglass.common.job.RepositorySpec;
import io.viberglass.common.job.ScmProvider;
import io.viberglass.common.job.WorkerSettings;
import io.viberglass.common.json.Json;
import io.viberglass.viberator.testing.FakeAgents;
import io.viberglass.viberator.testing.GitFixtures;
import io.viberglass.viberator.testing.GitHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code viberator job} against a fake platform: bootstrap, progress, batched redacted logs, result, cancel. */
class JobCommandCallbacksTest {
    static final String JOB = "job-1";
    static final String TOKEN = "cb-" + "9".repeat(61);
    static final String API_KEY = "sk-ant-planted-" + "k".repeat(24);

    @RegisterExtension
    static WireMockExtension platform = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    final ObjectMapper mapper = Json.newMapper();

    @TempDir
    Path temp;

    Path remote;
    Path claude;

    @BeforeEach
    void setUp() throws Exception {
        remote = GitFixtures.bareRepository(temp.resolve("acme/shop.git"), Map.of());
        claude = FakeAgents.install(temp.resolve("bin"), AgentType.CLAUDE_CODE);
        platform.stubFor(post(urlPathEqualTo("/api/jobs/" + JOB + "/progress")).willReturn(ok()));
        platform.stubFor(
                post(urlPathEqualTo("/api/jobs/" + JOB + "/logs/batch")).willReturn(ok()));
        platform.stubFor(post(urlPathEqualTo("/api/jobs/" + JOB + "/result")).willReturn(ok()));
    }

    JobPayload payload(JobKind kind, int timeoutSeconds) {
        return new JobPayload(
                1,
                JOB,
                kind,
                "tenant-1",
                null,
                platform.baseUrl(),
                AgentSpec.of(AgentType.CLAUDE_CODE),
                new RepositorySpec(
                        remote.toString(), "main", "viberator/job-1", null, ScmProvider.GIT, null, null, null, null),
                "Add a greeting",
                null,
                List.of(),
                new WorkerSettings(timeoutSeconds, null, false, false, null, null),
                List.of("ANTHROPIC_API_KEY"));
    }

    void serve(JobPayload payload) throws Exception {
        platform.stubFor(get(urlPathEqualTo("/api/jobs/" + JOB + "/bootstrap"))
                .willReturn(okJson(mapper.writeValueAsString(payload))));
    }

    CliRunner cli(String mode) {
        return new CliRunner()
                .env(FakeAgents.environment(claude, AgentType.CLAUDE_CODE, mode))
                .env("PLATFORM_API_URL", platform.baseUrl())
                .env("JOB_ID", JOB)
                .env("TENANT_ID", "tenant-1")
                .env("CALLBACK_TOKEN", TOKEN)
                .env("VIBERATOR_SECRETS_DIR", temp.resolve("secrets").toString())
                .env("WORK_DIR", temp.resolve("work").toString());
    }

    @Test
    void jobFetchesItsPayloadReportsBatchedRedactedLogsAndTheResult() throws Exception {
        serve(payload(JobKind.EXECUTION, 60));
        Files.createDirectories(temp.resolve("secrets"));
        Files.writeString(temp.resolve("secrets/ANTHROPIC_API_KEY"), API_KEY + "\n");

        CliRunner.Run run = cli("leak").execute("job");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        platform.verify(getRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/bootstrap"))
                .withHeader("X-Callback-Token", equalTo(TOKEN))
                .withHeader("X-Tenant-Id", equalTo("tenant-1")));
        List<LoggedRequest> batches =
                platform.findAll(postRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/logs/batch")));
        assertThat(batches).isNotEmpty();
        List<String> messages = new java.util.ArrayList<>();
        for (LoggedRequest batch : batches) {
            assertThat(batch.getHeader("X-Callback-Token")).isEqualTo(TOKEN);
            LogBatch body = mapper.readValue(batch.getBodyAsString(), LogBatch.class);
            assertThat(body.logs()).hasSizeBetween(1, 10);
            body.logs().forEach(entry -> messages.add(entry.message()));
        }
        assertThat(messages).anyMatch(m -> m.contains("debug: my key is [REDACTED]"));
        assertThat(String.join("\n", messages)).doesNotContain(API_KEY).doesNotContain(TOKEN);
        assertThat(platform.getAllServeEvents())
                .allSatisfy(event ->
                        assertThat(event.getRequest().getBodyAsString()).doesNotContain(API_KEY));

        platform.verify(postRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/progress"))
                .withRequestBody(matchingJsonPath("$.step", equalTo("clone"))));
        platform.verify(postRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/result"))
                .withRequestBody(matchingJsonPath("$.outcome", equalTo("succeeded")))
                .withRequestBody(matchingJsonPath("$.branch", equalTo("viberator/job-1")))
                .withRequestBody(matchingJsonPath("$.usage.costUsd")));
        assertThat(GitFixtures.head(remote, "viberator/job-1")).isNotNull();
    }

    @Test
    void overHttpsStyleTokenAuthTheMountedScmTokenClonesPushesAndOpensThePullRequest() throws Exception {
        String scmToken = "ghp_" + "h".repeat(36);
        Files.createDirectories(temp.resolve("secrets"));
        Files.writeString(temp.resolve("secrets/GITHUB_TOKEN"), scmToken + "\n");
        Files.writeString(temp.resolve("secrets/ANTHROPIC_API_KEY"), API_KEY + "\n");
        platform.stubFor(get(urlPathEqualTo("/repos/acme/shop"))
                .willReturn(okJson("{\"name\":\"shop\",\"full_name\":\"acme/shop\",\"owner\":{\"login\":\"acme\"},"
                        + "\"url\":\"" + platform.baseUrl() + "/repos/acme/shop\"}")));
        platform.stubFor(get(urlPathEqualTo("/repos/acme/shop/pulls")).willReturn(okJson("[]")));
        platform.stubFor(post(urlPathEqualTo("/repos/acme/shop/pulls"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"number\":1,\"html_url\":\"https://github.com/acme/shop/pull/1\"}")));
        try (GitHttpServer git = new GitHttpServer(temp, scmToken, false)) {
            JobPayload payload = new JobPayload(
                    1,
                    JOB,
                    JobKind.EXECUTION,
                    "tenant-1",
                    null,
                    platform.baseUrl(),
                    AgentSpec.of(AgentType.CLAUDE_CODE),
                    new RepositorySpec(
                            git.url("acme/shop.git"),
                            "main",
                            "viberator/http",
                            null,
                            ScmProvider.GITHUB,
                            platform.baseUrl(),
                            "GITHUB_TOKEN",
                            null,
                            null),
                    "Add a greeting",
                    null,
                    List.of(),
                    null,
                    List.of("ANTHROPIC_API_KEY", "GITHUB_TOKEN"));
            serve(payload);

            CliRunner.Run run = cli("edit").execute("job", "--json");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        }
        assertThat(GitFixtures.files(remote, "viberator/http")).contains("HELLO.md");
        platform.verify(postRequestedFor(urlPathEqualTo("/repos/acme/shop/pulls"))
                .withHeader("Authorization", equalTo("token " + scmToken)));
        platform.verify(postRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/result"))
                .withRequestBody(matchingJsonPath("$.pullRequestUrl", equalTo("https://github.com/acme/shop/pull/1"))));
        assertThat(platform.getAllServeEvents())
                .filteredOn(event -> event.getRequest().getUrl().startsWith("/api/jobs/"))
                .allSatisfy(event ->
                        assertThat(event.getRequest().getBodyAsString()).doesNotContain(scmToken));
    }

    @Test
    void aCancelledHeaderOnAHeartbeatStopsTheAgentAndReportsCancelled() throws Exception {
        serve(payload(JobKind.EXECUTION, 120));
        platform.stubFor(post(urlPathEqualTo("/api/jobs/" + JOB + "/progress"))
                .withRequestBody(matchingJsonPath("$.step", equalTo("heartbeat")))
                .willReturn(ok().withHeader("X-Job-Cancelled", "true")));

        long started = System.nanoTime();
        CliRunner.Run run = cli("slow")
                .env("FAKE_AGENT_SLEEP", "60")
                .env("ANTHROPIC_API_KEY", API_KEY)
                .execute("job", "--heartbeat-interval", "1s", "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.CANCELLED);
        assertThat((System.nanoTime() - started) / 1_000_000_000).isLessThan(30);
        JsonNode result = resultBody();
        assertThat(result.path("outcome").asText()).isEqualTo("cancelled");
        assertThat(result.path("success").asBoolean()).isFalse();
        assertThat(GitFixtures.head(remote, "viberator/job-1")).isNull();
    }

    @Test
    void aConflictOnTheResultMeansAlreadyFinishedAndIsNotRetried() throws Exception {
        serve(payload(JobKind.EXECUTION, 60));
        platform.stubFor(post(urlPathEqualTo("/api/jobs/" + JOB + "/result"))
                .willReturn(aResponse().withStatus(409).withBody("{\"error\":\"Job already in terminal state\"}")));

        CliRunner.Run run = cli("edit").env("ANTHROPIC_API_KEY", API_KEY).execute("job");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        platform.verify(1, postRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/result")));
    }

    @Test
    void resultIsRetriedAfterServerErrors() throws Exception {
        serve(payload(JobKind.RESEARCH, 60));
        platform.stubFor(post(urlPathEqualTo("/api/jobs/" + JOB + "/result"))
                .inScenario("flaky")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        platform.stubFor(post(urlPathEqualTo("/api/jobs/" + JOB + "/result"))
                .inScenario("flaky")
                .whenScenarioStateIs("up")
                .willReturn(ok()));

        CliRunner.Run run = cli("auto").env("ANTHROPIC_API_KEY", API_KEY).execute("job");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        platform.verify(2, postRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/result")));
        assertThat(resultBody().path("documentContent").asText()).startsWith("# Research");
    }

    @Test
    void anInvalidPayloadExitsWithConfigErrorAndNamesTheField() throws Exception {
        String json = mapper.writeValueAsString(payload(JobKind.EXECUTION, 60)).replace("\"main\"", "\"\"");
        platform.stubFor(get(urlPathEqualTo("/api/jobs/" + JOB + "/bootstrap")).willReturn(okJson(json)));

        CliRunner.Run run = cli("edit").execute("job");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG_INVALID);
        JsonNode result = resultBody();
        assertThat(result.path("outcome").asText()).isEqualTo("config_invalid");
        assertThat(result.path("errorMessage").asText()).contains("repository.baseBranch");
    }

    @Test
    void aRefusedBootstrapIsAConfigError() {
        platform.stubFor(get(urlPathEqualTo("/api/jobs/" + JOB + "/bootstrap"))
                .willReturn(aResponse().withStatus(401)));

        CliRunner.Run run = cli("edit").execute("job");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG_INVALID);
        assertThat(run.err()).contains("HTTP 401").doesNotContain(TOKEN);
    }

    @Test
    void missingInvocationValuesAreAUsageError() {
        CliRunner.Run run = new CliRunner().execute("job");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--platform-url", "--job-id", "--callback-token", "--tenant-id");
    }

    private JsonNode resultBody() throws Exception {
        List<LoggedRequest> results =
                platform.findAll(postRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/result")));
        assertThat(results).isNotEmpty();
        return mapper.readTree(results.get(results.size() - 1).getBodyAsString());
    }
}
