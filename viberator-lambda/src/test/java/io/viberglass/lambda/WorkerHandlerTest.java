package io.viberglass.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.viberglass.common.job.AgentSpec;
import io.viberglass.common.job.AgentType;
import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.RepositorySpec;
import io.viberglass.common.job.ScmProvider;
import io.viberglass.common.job.WorkerEvent;
import io.viberglass.common.job.WorkerSettings;
import io.viberglass.common.json.Json;
import io.viberglass.common.session.SessionTurn;
import io.viberglass.viberator.testing.FakeAgents;
import io.viberglass.viberator.testing.GitFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lambda handler end to end in the JVM: a fake Lambda context, WireMock as the platform (payload and callbacks)
 * and as SSM, a real bare git repository and a fake Claude Code. The handler runs the same harness as
 * {@code viberator job}.
 */
class WorkerHandlerTest {
    static final String JOB = "job-lambda-1";
    static final String TOKEN = "d".repeat(64);
    static final String API_KEY = "sk-ant-lambda-" + "z".repeat(24);
    static final String KEY_PARAMETER = "/viberglass/secrets/global/ANTHROPIC_API_KEY";

    @RegisterExtension
    static WireMockExtension platform = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    final ObjectMapper mapper = Json.newMapper();
    final StringWriter console = new StringWriter();

    @TempDir
    Path temp;

    Path remote;
    Path claude;

    @BeforeEach
    void setUp() throws Exception {
        remote = GitFixtures.bareRepository(temp.resolve("shop.git"), Map.of());
        claude = FakeAgents.install(temp.resolve("bin"), AgentType.CLAUDE_CODE);
        for (String path : List.of("progress", "logs/batch", "result")) {
            platform.stubFor(
                    post(urlPathEqualTo("/api/jobs/" + JOB + "/" + path)).willReturn(ok()));
        }
        platform.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameters"))
                .willReturn(okForContentType(
                        "application/x-amz-json-1.1",
                        "{\"Parameters\":[{\"Name\":\"" + KEY_PARAMETER + "\",\"Type\":\"SecureString\",\"Value\":\""
                                + API_KEY + "\"}],\"InvalidParameters\":[]}")));
        serve(2700);
    }

    void serve(int timeLimitSeconds) throws Exception {
        JobPayload payload = new JobPayload(
                1,
                JOB,
                JobKind.EXECUTION,
                "tenant-1",
                null,
                platform.baseUrl(),
                AgentSpec.of(AgentType.CLAUDE_CODE),
                new RepositorySpec(
                        remote.toString(), "main", "viberator/lambda", null, ScmProvider.GIT, null, null, null, null),
                "Add a greeting",
                null,
                List.of(),
                new WorkerSettings(timeLimitSeconds, null, false, false, null, null),
                List.of("ANTHROPIC_API_KEY"));
        platform.stubFor(get(urlPathEqualTo("/api/jobs/" + JOB + "/bootstrap"))
                .withHeader("X-Callback-Token", equalTo(TOKEN))
                .willReturn(okJson(mapper.writeValueAsString(payload))));
    }

    WorkerHandler handler(String mode, Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(FakeAgents.environment(claude, AgentType.CLAUDE_CODE, mode));
        environment.put("PATH", System.getenv("PATH"));
        environment.put("LANG", "C.UTF-8");
        environment.put("WORK_DIR", temp.resolve("tmp/viberator-work").toString());
        environment.put("AWS_REGION", "eu-west-1");
        environment.put("AWS_ACCESS_KEY_ID", "AKIDTEST");
        environment.put("AWS_SECRET_ACCESS_KEY", "fake-secret");
        environment.put("VIBERATOR_SSM_ENDPOINT", platform.baseUrl());
        environment.putAll(extra);
        return new WorkerHandler(environment, new PrintWriter(console, true));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> event() {
        return mapper.convertValue(
                new WorkerEvent(JOB, platform.baseUrl(), "tenant-1", TOKEN, Map.of("ANTHROPIC_API_KEY", KEY_PARAMETER)),
                Map.class);
    }

    JsonNode result() throws Exception {
        List<LoggedRequest> results =
                platform.findAll(postRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/result")));
        assertThat(results).hasSize(1);
        return mapper.readTree(results.get(0).getBodyAsString());
    }

    @Test
    void runsTheJobOfTheEventPushesTheBranchAndReportsThroughCallbacks() throws Exception {
        Map<String, Object> answer =
                handler("leak", Map.of()).handleRequest(event(), new FakeContext(Duration.ofMinutes(15)));

        assertThat(answer).containsEntry("success", true).containsEntry("outcome", "succeeded");
        platform.verify(getRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/bootstrap"))
                .withHeader("X-Tenant-Id", equalTo("tenant-1")));
        platform.verify(postRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/progress"))
                .withHeader("X-Callback-Token", equalTo(TOKEN))
                .withRequestBody(matchingJsonPath("$.step", equalTo("clone"))));
        JsonNode result = result();
        assertThat(result.path("outcome").asText()).isEqualTo("succeeded");
        assertThat(result.path("branch").asText()).isEqualTo("viberator/lambda");
        assertThat(GitFixtures.files(remote, "viberator/lambda")).contains("HELLO.md");
        // the agent got the key from SSM (it printed it), and nothing it printed reached the platform unredacted
        String logs = String.join(
                "\n",
                platform.findAll(postRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/logs/batch"))).stream()
                        .map(LoggedRequest::getBodyAsString)
                        .toList());
        assertThat(logs).contains("debug: my key is [REDACTED]");
        assertThat(platform.getAllServeEvents())
                .allSatisfy(served ->
                        assertThat(served.getRequest().getBodyAsString()).doesNotContain(API_KEY));
        assertThat(console.toString()).doesNotContain(API_KEY).doesNotContain(TOKEN);
        assertThat(temp.resolve("tmp/viberator-work").toFile().list())
                .as("work tree removed")
                .isEmpty();
    }

    @Test
    void aBrokeredJobsProxyTokenComesInThePayloadAndNoKeyIsReadFromSsm() throws Exception {
        String proxyToken = "vgllm_" + "7".repeat(64);
        JobPayload payload = new JobPayload(
                1,
                JOB,
                JobKind.EXECUTION,
                "tenant-1",
                null,
                platform.baseUrl(),
                new AgentSpec(
                        AgentType.CLAUDE_CODE,
                        null,
                        "https://viberglass.example.com/api/llm/" + JOB + "/anthropic",
                        Map.of(),
                        Map.of("ANTHROPIC_API_KEY", proxyToken)),
                new RepositorySpec(
                        remote.toString(), "main", "viberator/lambda", null, ScmProvider.GIT, null, null, null, null),
                "Add a greeting",
                null,
                List.of(),
                new WorkerSettings(2700, null, false, false, null, null),
                List.of("ANTHROPIC_API_KEY"));
        platform.stubFor(get(urlPathEqualTo("/api/jobs/" + JOB + "/bootstrap"))
                .willReturn(okJson(mapper.writeValueAsString(payload))));
        @SuppressWarnings("unchecked")
        Map<String, Object> event =
                mapper.convertValue(new WorkerEvent(JOB, platform.baseUrl(), "tenant-1", TOKEN, Map.of()), Map.class);

        Map<String, Object> answer =
                handler("leak", Map.of()).handleRequest(event, new FakeContext(Duration.ofMinutes(15)));

        assertThat(answer).containsEntry("success", true);
        platform.verify(0, postRequestedFor(urlEqualTo("/")));
        String logs = String.join(
                "\n",
                platform.findAll(postRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/logs/batch"))).stream()
                        .map(LoggedRequest::getBodyAsString)
                        .toList());
        // the agent was given the token (it printed it, redacted as a credential), and no credential was missing
        assertThat(logs)
                .contains("debug: my key is [REDACTED]")
                .doesNotContain(proxyToken)
                .doesNotContain("was not found");
        assertThat(console.toString()).doesNotContain(proxyToken);
    }

    @Test
    void theAgentIsStoppedBeforeTheFunctionsTimeLeavingTimeToReport() throws Exception {
        Map<String, String> tight = Map.of(
                "VIBERATOR_LAMBDA_SAFETY_MARGIN_SECONDS", "20",
                "VIBERATOR_LAMBDA_MINIMUM_SECONDS", "1",
                "FAKE_AGENT_SLEEP", "120");
        long started = System.nanoTime();

        Map<String, Object> answer =
                handler("slow", tight).handleRequest(event(), new FakeContext(Duration.ofSeconds(24)));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(24));
        assertThat(answer).containsEntry("outcome", "timed_out");
        assertThat(result().path("outcome").asText()).isEqualTo("timed_out");
        assertThat(GitFixtures.head(remote, "viberator/lambda")).isNull();
    }

    @Test
    void aFunctionWithTooLittleTimeLeftRefusesTheJobAndSaysWhy() throws Exception {
        Map<String, Object> answer =
                handler("edit", Map.of()).handleRequest(event(), new FakeContext(Duration.ofSeconds(100)));

        assertThat(answer).containsEntry("success", false).containsEntry("outcome", "config_invalid");
        JsonNode result = result();
        assertThat(result.path("outcome").asText()).isEqualTo("config_invalid");
        assertThat(result.path("errorMessage").asText()).contains("raise the function's timeout");
        platform.verify(0, postRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/progress")));
    }

    @Test
    void aSecretMissingFromSsmIsReportedAsConfigInvalid() throws Exception {
        platform.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameters"))
                .willReturn(okForContentType(
                        "application/x-amz-json-1.1",
                        "{\"Parameters\":[],\"InvalidParameters\":[\"" + KEY_PARAMETER + "\"]}")));

        Map<String, Object> answer =
                handler("edit", Map.of()).handleRequest(event(), new FakeContext(Duration.ofMinutes(15)));

        assertThat(answer).containsEntry("outcome", "config_invalid");
        assertThat(result().path("errorMessage").asText()).isEqualTo("SSM has no parameter " + KEY_PARAMETER);
    }

    @Test
    void aRefusedPayloadRequestEndsTheInvocationWithoutAResult() {
        platform.stubFor(get(urlPathEqualTo("/api/jobs/" + JOB + "/bootstrap"))
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":\"Invalid callback token\"}")));

        Map<String, Object> answer =
                handler("edit", Map.of()).handleRequest(event(), new FakeContext(Duration.ofMinutes(15)));

        assertThat(answer).containsEntry("success", false).containsEntry("outcome", "platform_unreachable");
        platform.verify(0, postRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/result")));
        assertThat(console.toString()).contains("HTTP 401");
    }

    @Test
    void anEventThatIsNotAWorkerEventIsRejected() {
        WorkerHandler handler = handler("edit", Map.of());

        assertThatThrownBy(() -> handler.handleRequest(Map.of("jobId", JOB), new FakeContext(Duration.ofMinutes(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("callbackToken");
        assertThatThrownBy(() -> handler.handleRequest(null, new FakeContext(Duration.ofMinutes(1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTimeBudgetKeepsTheMarginAndNeverRaisesThePayloadsOwnLimit() {
        TimeBudget budget = new TimeBudget(Duration.ofSeconds(90), Duration.ofSeconds(30));

        assertThat(budget.agentSeconds(Duration.ofSeconds(900), 2700)).isEqualTo(810);
        assertThat(budget.agentSeconds(Duration.ofSeconds(900), 300)).isEqualTo(300);
        assertThat(budget.agentSeconds(Duration.ofSeconds(110), 2700)).isZero();
    }

    @Test
    void shorteningTheTimeLimitKeepsASessionTurnASessionTurn() {
        JobPayload turn = new JobPayload(
                1,
                JOB,
                JobKind.EXECUTION,
                "tenant-1",
                null,
                "http://platform",
                AgentSpec.of(AgentType.CLAUDE_CODE),
                new RepositorySpec(
                        "file:///repo", "main", "viberator/lambda", null, ScmProvider.GIT, null, null, null, null),
                "Plan the greeting",
                null,
                List.of(),
                new WorkerSettings(2700, null, false, false, null, null),
                List.of("ANTHROPIC_API_KEY"),
                new SessionTurn("sess-1", "turn-2", JobKind.PLANNING, null, false, 900));

        JobPayload limited = LambdaWorker.withTimeLimit(turn, 810);

        assertThat(limited.settings().timeLimitSeconds()).isEqualTo(810);
        assertThat(limited.session()).isEqualTo(turn.session());
        assertThat(limited.isSessionTurn()).isTrue();
    }
}
