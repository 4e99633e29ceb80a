package io.viberglass.viberator.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.viberglass.common.job.AgentSpec;
import io.viberglass.common.job.AgentType;
import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.RepositorySpec;
import io.viberglass.common.job.ScmProvider;
import io.viberglass.common.job.WorkerSettings;
import io.viberglass.common.json.Json;
import io.viberglass.common.session.SessionCallbacks;
import io.viberglass.common.session.SessionEventBatch;
import io.viberglass.common.session.SessionEventType;
import io.viberglass.common.session.SessionTurn;
import io.viberglass.viberator.session.ConversationState;
import io.viberglass.viberator.testing.FakeAcpAgents;
import io.viberglass.viberator.testing.GitFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code viberator job} running interactive session turns over ACP, with a fake ACP agent process and a fake platform
 * that speaks the session callback contract: batched events, permission requests with long-polled decisions, the
 * agent's session id, the conversation-state archive, cancellation.
 */
class SessionTurnCallbacksTest {
    static final String JOB = "job-7";
    static final String TOKEN = "cb-" + "7".repeat(61);
    static final String API_KEY = "sk-ant-planted-" + "q".repeat(24);
    static final String BASE = "/api/jobs/" + JOB;

    @RegisterExtension
    static WireMockExtension platform = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    final ObjectMapper mapper = Json.newMapper();

    @TempDir
    Path temp;

    Path remote;
    Path agent;
    Path agentLog;

    @BeforeEach
    void setUp() throws Exception {
        remote = GitFixtures.bareRepository(temp.resolve("acme/shop.git"), Map.of());
        agent = FakeAcpAgents.install(temp.resolve("bin"));
        agentLog = temp.resolve("acp.log");
        platform.stubFor(
                post(urlPathMatching(BASE + "/(progress|logs/batch|result|session-events/batch|acp-session-id)"))
                        .willReturn(ok()));
        platform.stubFor(put(urlPathEqualTo(SessionCallbacks.statePath(JOB))).willReturn(ok()));
        platform.stubFor(get(urlPathEqualTo(SessionCallbacks.statePath(JOB))).willReturn(notFound()));
        platform.stubFor(post(urlPathEqualTo(SessionCallbacks.permissionRequestsPath(JOB)))
                .willReturn(okJson("{\"requestId\":\"perm-1\"}")));
        Files.createDirectories(temp.resolve("secrets"));
        Files.writeString(temp.resolve("secrets/ANTHROPIC_API_KEY"), API_KEY + "\n");
    }

    JobPayload turn(JobKind mode, String acpSessionId, boolean restoreState) {
        return turn(mode, acpSessionId, restoreState, 600);
    }

    JobPayload turn(JobKind mode, String acpSessionId, boolean restoreState, int timeLimitSeconds) {
        return turn(AgentType.CLAUDE_CODE, mode, acpSessionId, restoreState, timeLimitSeconds);
    }

    JobPayload turn(
            AgentType agentType, JobKind mode, String acpSessionId, boolean restoreState, int timeLimitSeconds) {
        return new JobPayload(
                1,
                JOB,
                mode,
                "tenant-1",
                null,
                platform.baseUrl(),
                AgentSpec.of(agentType),
                new RepositorySpec(
                        remote.toString(), "main", "viberator/job-7", null, ScmProvider.GIT, null, null, null, null),
                "Plan the greeting",
                null,
                List.of(),
                new WorkerSettings(timeLimitSeconds, null, false, false, null, null),
                List.of("ANTHROPIC_API_KEY"),
                new SessionTurn("sess-1", "turn-2", mode, acpSessionId, restoreState, 900));
    }

    CliRunner.Run run(JobPayload payload, String scenario) throws Exception {
        return run(payload, scenario, Map.of());
    }

    CliRunner.Run run(JobPayload payload, String scenario, Map<String, String> extraEnv) throws Exception {
        platform.stubFor(
                get(urlPathEqualTo(BASE + "/bootstrap")).willReturn(okJson(mapper.writeValueAsString(payload))));
        return new CliRunner()
                .env(FakeAcpAgents.environment(agent, payload.agent().type().wire(), scenario, agentLog))
                .env(extraEnv)
                .env("PLATFORM_API_URL", platform.baseUrl())
                .env("JOB_ID", JOB)
                .env("TENANT_ID", "tenant-1")
                .env("CALLBACK_TOKEN", TOKEN)
                .env("VIBERATOR_SECRETS_DIR", temp.resolve("secrets").toString())
                .env("WORK_DIR", temp.resolve("work").toString())
                .execute("job");
    }

    void decide(String... bodies) {
        String state = Scenario.STARTED;
        for (int i = 0; i < bodies.length; i++) {
            String next = i == bodies.length - 1 ? state : "poll-" + (i + 1);
            platform.stubFor(get(urlPathEqualTo(SessionCallbacks.permissionRequestsPath(JOB) + "/perm-1"))
                    .inScenario("decision")
                    .whenScenarioStateIs(state)
                    .willReturn(okJson(bodies[i]))
                    .willSetStateTo(next));
            state = next;
        }
    }

    /** Every event the platform received, in the order the batches arrived. */
    List<Map<String, Object>> events() throws Exception {
        List<Map<String, Object>> events = new ArrayList<>();
        for (LoggedRequest batch :
                platform.findAll(postRequestedFor(urlPathEqualTo(SessionCallbacks.eventsPath(JOB))))) {
            assertThat(batch.getHeader("X-Callback-Token")).isEqualTo(TOKEN);
            SessionEventBatch body = mapper.readValue(batch.getBodyAsString(), SessionEventBatch.class);
            assertThat(body.events()).hasSizeBetween(1, 20);
            body.events().forEach(event -> {
                assertThat(event.type().fromWorker()).isTrue();
                Map<String, Object> flat = new java.util.LinkedHashMap<>(event.payload());
                flat.put("type", event.type().wire());
                events.add(flat);
            });
        }
        return events;
    }

    JsonNode result() throws Exception {
        List<LoggedRequest> results = platform.findAll(postRequestedFor(urlPathEqualTo(BASE + "/result")));
        assertThat(results).hasSize(1);
        return mapper.readTree(results.get(0).getBodyAsString());
    }

    List<JsonNode> agentReceived() throws Exception {
        List<JsonNode> messages = new ArrayList<>();
        for (String line : Files.readAllLines(agentLog)) {
            messages.add(mapper.readTree(line));
        }
        return messages;
    }

    List<String> methodsAgentReceived() throws Exception {
        return agentReceived().stream()
                .filter(m -> m.has("method"))
                .map(m -> m.get("method").asText())
                .toList();
    }

    JsonNode permissionAnswer() throws Exception {
        return agentReceived().stream()
                .filter(m -> !m.has("method") && m.path("result").has("outcome"))
                .findFirst()
                .orElseThrow()
                .path("result")
                .path("outcome");
    }

    /**
     * The conversation-state archive the worker uploaded. WireMock hands recorded bodies back un-gzipped when they are
     * gzip data, so the tar inside is gzipped again here to get the bytes the worker sent.
     */
    byte[] archiveSent() throws Exception {
        LoggedRequest state = platform.findAll(putRequestedFor(urlPathEqualTo(SessionCallbacks.statePath(JOB))))
                .get(0);
        assertThat(state.getHeader("Content-Type")).isEqualTo("application/gzip");
        byte[] body = state.getBody();
        if (body.length > 1 && body[0] == (byte) 0x1f && body[1] == (byte) 0x8b) {
            return body;
        }
        java.io.ByteArrayOutputStream gzipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gzipped)) {
            out.write(body);
        }
        return gzipped.toByteArray();
    }

    @Test
    void aPlanningTurnStreamsItsEventsInOrderWaitsForAPersonToAllowTheWriteAndReturnsThePlan() throws Exception {
        decide("{\"status\":\"open\"}", "{\"status\":\"resolved\",\"optionId\":\"allow\",\"decidedBy\":\"Ada\"}");

        CliRunner.Run run = run(turn(JobKind.PLANNING, null, false), "plan");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(events())
                .extracting(e -> e.get("type"))
                .containsExactly(
                        "assistant_message",
                        "reasoning",
                        "tool_call_started",
                        "tool_call_completed",
                        "progress",
                        "assistant_message");
        List<Map<String, Object>> events = events();
        assertThat(events.get(0)).containsEntry("text", "I will write the plan.");
        assertThat(events.get(2)).containsEntry("toolCallId", "call-1").containsEntry("toolName", "Write PLAN.md");
        assertThat(events.get(3)).containsEntry("success", true).containsEntry("output", "wrote PLAN.md");
        assertThat((String) events.get(4).get("text")).contains("[pending] Add a greeting");
        assertThat(events.get(5)).containsEntry("text", "The plan is in PLAN.md (turn 1).");

        LoggedRequest request = platform.findAll(
                        postRequestedFor(urlPathEqualTo(SessionCallbacks.permissionRequestsPath(JOB))))
                .get(0);
        JsonNode asked = mapper.readTree(request.getBodyAsString());
        assertThat(asked.path("toolCallId").asText()).isEqualTo("call-1");
        assertThat(asked.path("title").asText()).isEqualTo("Write PLAN.md");
        assertThat(asked.path("options").findValuesAsText("kind")).containsExactly("allow_once", "reject_once");
        // the first poll found the request still open; the worker asked again rather than giving up
        platform.verify(
                2,
                getRequestedFor(urlPathEqualTo(SessionCallbacks.permissionRequestsPath(JOB) + "/perm-1"))
                        .withQueryParam("waitSeconds", equalTo("30")));
        assertThat(permissionAnswer().path("outcome").asText()).isEqualTo("selected");
        assertThat(permissionAnswer().path("optionId").asText()).isEqualTo("allow");

        JsonNode result = result();
        assertThat(result.path("outcome").asText()).isEqualTo("succeeded");
        assertThat(result.path("documentContent").asText()).startsWith("# Plan");
        assertThat(methodsAgentReceived()).startsWith("initialize", "session/new", "session/prompt");
        assertThat(agentReceived())
                .as("the agent's file-system request is refused: the worker offers none")
                .anySatisfy(
                        m -> assertThat(m.path("error").path("code").asInt()).isEqualTo(-32601));
        JsonNode init = agentReceived().get(0).path("params");
        assertThat(init.path("protocolVersion").asInt()).isEqualTo(1);
        assertThat(init.path("clientCapabilities").path("terminal").asBoolean(true))
                .isFalse();

        LoggedRequest acpId = platform.findAll(postRequestedFor(urlPathEqualTo(SessionCallbacks.acpSessionIdPath(JOB))))
                .get(0);
        assertThat(mapper.readTree(acpId.getBodyAsString()).path("acpSessionId").asText())
                .startsWith("fake-");
        Path unpacked = temp.resolve("unpacked");
        ConversationState.restore(unpacked, archiveSent());
        assertThat(unpacked.resolve(".claude/fake-acp"))
                .isDirectoryContaining(path -> path.getFileName().toString().startsWith("fake-"));
    }

    @Test
    void aRejectedPermissionIsPassedOnAndTheTurnCompletesWithoutADocument() throws Exception {
        decide("{\"status\":\"resolved\",\"optionId\":\"reject\",\"decidedBy\":\"Ada\"}");

        CliRunner.Run run = run(turn(JobKind.PLANNING, null, false), "plan");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(permissionAnswer().path("optionId").asText()).isEqualTo("reject");
        assertThat(events()).anySatisfy(e -> assertThat(e)
                .containsEntry("type", "tool_call_completed")
                .containsEntry("success", false)
                .containsEntry("error", "not allowed: selected"));
        JsonNode result = result();
        assertThat(result.path("outcome").asText()).isEqualTo("succeeded");
        assertThat(result.path("documentContent").isMissingNode()
                        || result.path("documentContent").isNull())
                .isTrue();
    }

    @Test
    void aPermissionRequestCancelledOnThePlatformIsAnsweredCancelled() throws Exception {
        decide("{\"status\":\"cancelled\"}");

        CliRunner.Run run = run(turn(JobKind.PLANNING, null, false), "plan");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(permissionAnswer().path("outcome").asText()).isEqualTo("cancelled");
        assertThat(events()).last().satisfies(e -> assertThat(e)
                .containsEntry("text", "I was not allowed to write the plan (cancelled)."));
    }

    @Test
    void anAgentThatDiesMidTurnFailsTheTurnAtOnceInsteadOfHanging() throws Exception {
        // the turn may run ten minutes; a worker that waited for the dead agent's answer would hit this bound
        CliRunner.Run run = assertTimeoutPreemptively(
                Duration.ofSeconds(90), () -> run(turn(JobKind.PLANNING, null, false), "crash"));

        assertThat(run.exitCode()).isNotEqualTo(ExitCodes.OK);
        JsonNode result = result();
        assertThat(result.path("outcome").asText()).isEqualTo("agent_failed");
        assertThat(result.path("errorMessage").asText())
                .contains("exited with code 1 before answering session/prompt")
                .contains("lost the connection to the model");
        assertThat(events()).first().satisfies(e -> assertThat(e).containsEntry("text", "Starting on it"));
    }

    @Test
    void aCancelledHeaderSendsSessionCancelAndEndsTheTurnCancelled() throws Exception {
        platform.stubFor(post(urlPathEqualTo(SessionCallbacks.eventsPath(JOB)))
                .willReturn(aResponse().withStatus(200).withHeader("X-Job-Cancelled", "true")));

        CliRunner.Run run = assertTimeoutPreemptively(
                Duration.ofSeconds(90), () -> run(turn(JobKind.PLANNING, null, false), "hang"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CANCELLED);
        assertThat(result().path("outcome").asText()).isEqualTo("cancelled");
        assertThat(result().path("errorMessage").asText()).contains("cancelled on the platform");
        assertThat(methodsAgentReceived()).contains("session/cancel");
        JsonNode cancel = agentReceived().stream()
                .filter(m -> m.path("method").asText().equals("session/cancel"))
                .findFirst()
                .orElseThrow();
        assertThat(cancel.has("id")).as("session/cancel is a notification").isFalse();
        assertThat(cancel.path("params").path("sessionId").asText()).startsWith("fake-");
    }

    @Test
    void aTurnThatOutlastsItsTimeLimitIsCancelledAndReportedTimedOut() throws Exception {
        CliRunner.Run run = assertTimeoutPreemptively(
                Duration.ofSeconds(90), () -> run(turn(JobKind.PLANNING, null, false, 5), "hang"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.TIMED_OUT);
        assertThat(result().path("outcome").asText()).isEqualTo("timed_out");
        assertThat(methodsAgentReceived()).contains("session/cancel");
    }

    @Test
    void aFollowUpTurnRestoresTheConversationStateAndLoadsTheAgentsSession() throws Exception {
        decide("{\"status\":\"resolved\",\"optionId\":\"allow\"}");
        run(turn(JobKind.PLANNING, null, false), "plan");
        String acpSessionId = mapper.readTree(
                        platform.findAll(postRequestedFor(urlPathEqualTo(SessionCallbacks.acpSessionIdPath(JOB))))
                                .get(0)
                                .getBodyAsString())
                .path("acpSessionId")
                .asText();
        byte[] archive = archiveSent();
        platform.resetRequests();
        Files.delete(agentLog);
        platform.stubFor(get(urlPathEqualTo(SessionCallbacks.statePath(JOB)))
                .willReturn(aResponse().withStatus(200).withBody(archive)));

        CliRunner.Run run = run(turn(JobKind.PLANNING, acpSessionId, true), "plan");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(methodsAgentReceived()).startsWith("initialize", "session/load", "session/prompt");
        assertThat(agentReceived().get(1).path("params").path("sessionId").asText())
                .isEqualTo(acpSessionId);
        assertThat(events()).last().satisfies(e -> assertThat(e)
                .containsEntry("text", "The plan is in PLAN.md (turn 2)."));
    }

    @Test
    void aSessionTheAgentCannotLoadFallsBackToANewOne() throws Exception {
        decide("{\"status\":\"resolved\",\"optionId\":\"allow\"}");

        CliRunner.Run run = run(turn(JobKind.PLANNING, "fake-forgotten", false), "plan");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(methodsAgentReceived()).startsWith("initialize", "session/load", "session/new", "session/prompt");
        assertThat(events()).last().satisfies(e -> assertThat(e)
                .containsEntry("text", "The plan is in PLAN.md (turn 1)."));
    }

    @Test
    void anAgentThatWantsToBeToldToUseItsApiKeyIsAuthenticatedBeforeTheSessionOpens() throws Exception {
        Files.writeString(temp.resolve("secrets/QWEN_CODE_API_KEY"), "qk-" + "z".repeat(30) + "\n");
        JobPayload qwen = turn(AgentType.QWEN_CODE, JobKind.RESEARCH, null, false, 600);
        qwen = new JobPayload(
                qwen.version(),
                qwen.jobId(),
                qwen.kind(),
                qwen.tenantId(),
                qwen.clankerId(),
                qwen.platformApiUrl(),
                qwen.agent(),
                qwen.repository(),
                qwen.task(),
                qwen.ticket(),
                qwen.instructionFiles(),
                qwen.settings(),
                List.of("QWEN_CODE_API_KEY"),
                qwen.session());

        CliRunner.Run run = run(qwen, "question", Map.of("FAKE_ACP_AUTH", "openai"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(methodsAgentReceived()).startsWith("initialize", "authenticate", "session/new", "session/prompt");
        assertThat(agentReceived().get(1).path("params").path("methodId").asText())
                .isEqualTo("openai");
    }

    @Test
    void anExecutionTurnThatChangedFilesCommitsAndPushesTheWorkBranch() throws Exception {
        decide("{\"status\":\"resolved\",\"optionId\":\"allow\"}");

        CliRunner.Run run = run(turn(JobKind.EXECUTION, null, false), "plan");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        JsonNode result = result();
        assertThat(result.path("outcome").asText()).isEqualTo("succeeded");
        assertThat(result.path("branch").asText()).isEqualTo("viberator/job-7");
        assertThat(result.path("documentContent").isMissingNode()
                        || result.path("documentContent").isNull())
                .isTrue();
        assertThat(GitFixtures.files(remote, "viberator/job-7")).contains("PLAN.md");
    }

    @Test
    void anExecutionTurnThatEndsWithAQuestionCommitsNothing() throws Exception {
        CliRunner.Run run = run(turn(JobKind.EXECUTION, null, false), "question");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        JsonNode result = result();
        assertThat(result.path("outcome").asText()).isEqualTo("succeeded");
        assertThat(result.path("branch").isMissingNode()
                        || result.path("branch").isNull())
                .isTrue();
        assertThat(GitFixtures.head(remote, "viberator/job-7")).isNull();
    }

    @Test
    void aTurnThatEndsWithAQuestionReportsNeedsInput() throws Exception {
        CliRunner.Run run = run(turn(JobKind.RESEARCH, null, false), "question");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(events()).last().satisfies(e -> assertThat(e)
                .containsEntry("type", SessionEventType.NEEDS_INPUT.wire())
                .containsEntry("prompt", "I read the ticket. Should the greeting be formal?"));
    }

    @Test
    void secretsTheAgentSaysAreRedactedFromSessionEvents() throws Exception {
        CliRunner.Run run = run(turn(JobKind.RESEARCH, null, false), "leak");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(events()).anySatisfy(e -> assertThat(e).containsEntry("text", "my key is [REDACTED]"));
        assertThat(platform.getAllServeEvents())
                .allSatisfy(event ->
                        assertThat(event.getRequest().getBodyAsString()).doesNotContain(API_KEY));
    }

    @Test
    void aMissingAcpServerIsReportedByName() throws Exception {
        platform.stubFor(get(urlPathEqualTo(BASE + "/bootstrap"))
                .willReturn(okJson(mapper.writeValueAsString(turn(JobKind.PLANNING, null, false)))));

        CliRunner.Run run = new CliRunner()
                .env("PLATFORM_API_URL", platform.baseUrl())
                .env("PATH", temp.resolve("empty-bin").toString())
                .env("JOB_ID", JOB)
                .env("TENANT_ID", "tenant-1")
                .env("CALLBACK_TOKEN", TOKEN)
                .env("VIBERATOR_SECRETS_DIR", temp.resolve("secrets").toString())
                .env("WORK_DIR", temp.resolve("work").toString())
                .execute("job");

        assertThat(run.exitCode()).isNotEqualTo(ExitCodes.OK);
        JsonNode result = result();
        assertThat(result.path("outcome").asText()).isEqualTo("agent_not_installed");
        assertThat(result.path("errorMessage").asText())
                .contains("ACP server is not installed")
                .contains("VIBERATOR_CLAUDE_CODE_ACP_BIN")
                .contains("claude-agent-acp");
    }
}
