package io.viberglass.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.common.Fixtures;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.RecordingWorker;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(DropwizardExtensionsSupport.class)
class JobCallbacksApiTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(JobCallbacksApiTest.class);

    static final RecordingWorker WORKER = new RecordingWorker();
    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB, WORKER.overrides());

    private final Api api = Api.of(APP);
    private final io.viberglass.platform.testing.Fixtures fixtures = new io.viberglass.platform.testing.Fixtures(api);
    private String projectId;
    private String clankerId;

    @BeforeEach
    void scenery() {
        projectId = fixtures.project("https://github.com/acme/shop.git");
        api.put("/api/projects/" + projectId, Map.of("agentInstructions", "Run npm test before finishing."))
                .expect(200);
        clankerId = fixtures.activeClanker(Map.of());
    }

    /** A run started through the API and the worker invocation the local invoker made for it. */
    private record Started(String jobId, String ticketId, RecordingWorker.Invocation worker, Api as) {}

    private Started start() {
        String ticketId = fixtures.executableTicket(projectId, "Greeting is rude " + UUID.randomUUID());
        JsonNode job = fixtures.run(ticketId, clankerId);
        String jobId = job.get("id").asText();
        RecordingWorker.Invocation worker = WORKER.awaitInvocation(jobId);
        Api as = api.withHeader("X-Callback-Token", worker.token()).withHeader("X-Tenant-Id", worker.tenant());
        return new Started(jobId, ticketId, worker, as);
    }

    private Started startAndBootstrap() {
        Started run = start();
        run.as().get("/api/jobs/" + run.jobId() + "/bootstrap").expect(200);
        return run;
    }

    private static Map<String, Object> success(String prUrl) {
        return Map.of(
                "success",
                true,
                "outcome",
                "succeeded",
                "branch",
                "viberator/fix",
                "commitHash",
                "3b18e512dba79e4c8300dd08aeb37f8e728b8dad",
                "pullRequestUrl",
                prUrl,
                "changedFiles",
                List.of("src/greeting.js"),
                "executionTimeMs",
                4200);
    }

    @Nested
    class Dispatching {
        @Test
        void aQueuedRunStartsTheLocalWorkerWithItsReference() {
            Started run = start();

            assertThat(run.worker().subcommand()).isEqualTo("job");
            assertThat(run.worker().token()).matches("[0-9a-f]{64}");
            assertThat(run.worker().tenant()).isEqualTo(projectId);
            assertThat(run.worker().platformUrl()).isEqualTo("http://127.0.0.1:" + APP.getLocalPort());
            JsonNode job = api.get("/api/jobs/" + run.jobId()).expect(200).json();
            assertThat(job.get("status").asText()).isEqualTo("queued");
            assertThat(job.get("invoker").asText()).isEqualTo("local");
            assertThat(job.get("progress"))
                    .extracting(p -> p.get("step").asText())
                    .contains("queued", "dispatched");
        }

        @Test
        void theCallbackTokenIsNeverStoredOrShown() {
            Started run = start();

            String detail = api.get("/api/jobs/" + run.jobId()).body();
            String stored = org.jdbi.v3.core.Jdbi.create(DB.dataSource())
                    .withHandle(h -> h.createQuery("select row_to_json(j)::text from jobs j where id = :id")
                            .bind("id", UUID.fromString(run.jobId()))
                            .mapTo(String.class)
                            .one());

            assertThat(detail).doesNotContain(run.worker().token());
            assertThat(stored).doesNotContain(run.worker().token());
        }
    }

    @Nested
    class Bootstrap {
        @Test
        void theWorkerFetchesItsPayloadOnceAndTheJobBecomesActive() {
            Started run = start();

            JsonNode payload = run.as()
                    .get("/api/jobs/" + run.jobId() + "/bootstrap")
                    .expect(200)
                    .json();

            assertThat(payload.get("version").asInt()).isEqualTo(1);
            assertThat(payload.get("jobId").asText()).isEqualTo(run.jobId());
            assertThat(payload.get("kind").asText()).isEqualTo("execution");
            assertThat(payload.at("/repository/url").asText()).isEqualTo("https://github.com/acme/shop.git");
            assertThat(payload.at("/repository/branchTemplate").asText()).isEqualTo("viberator/{{ticketId}}");
            assertThat(payload.at("/agent/type").asText()).isEqualTo("claude-code");
            assertThat(payload.get("task").asText())
                    .contains("Greeting is rude")
                    .contains("PR_TITLE.md");
            assertThat(payload.at("/instructionFiles/0/path").asText()).isEqualTo("AGENTS.md");
            assertThat(payload.at("/instructionFiles/0/content").asText()).isEqualTo("Run npm test before finishing.");
            assertThat(payload.has("callbackToken")).isFalse();
            assertThat(api.get("/api/jobs/" + run.jobId()).json().get("status").asText())
                    .isEqualTo("active");
            assertThat(api.get("/api/tickets/" + run.ticketId())
                            .json()
                            .get("autoFixStatus")
                            .asText())
                    .isEqualTo("in_progress");

            var second = run.as().get("/api/jobs/" + run.jobId() + "/bootstrap").expect(409);
            assertThat(second.header("X-Job-Cancelled")).isEqualTo("false");
        }

        @Test
        void wrongMissingOrForeignTokensAre401AndChangeNothing() {
            Started run = start();
            Started other = start();
            String path = "/api/jobs/" + run.jobId() + "/bootstrap";

            api.get(path).expect(401);
            api.withHeader("X-Callback-Token", "0".repeat(64)).get(path).expect(401);
            api.withHeader("X-Callback-Token", other.worker().token()).get(path).expect(401);

            assertThat(api.get("/api/jobs/" + run.jobId()).json().get("status").asText())
                    .isEqualTo("queued");
        }

        @Test
        void anotherTenantIs403AndAnUnknownJobIs404() {
            Started run = start();

            api.withHeader("X-Callback-Token", run.worker().token())
                    .withHeader("X-Tenant-Id", "someone-else")
                    .get("/api/jobs/" + run.jobId() + "/bootstrap")
                    .expect(403);
            run.as().get("/api/jobs/" + UUID.randomUUID() + "/bootstrap").expect(404);
        }
    }

    @Nested
    class ProgressAndLogs {
        @Test
        void progressIsTheHeartbeatAndShowsInTheDetail() {
            Started run = startAndBootstrap();
            String before = api.get("/api/jobs/" + run.jobId())
                    .json()
                    .get("lastHeartbeatAt")
                    .asText();

            run.as()
                    .post(
                            "/api/jobs/" + run.jobId() + "/progress",
                            Map.of(
                                    "step",
                                    "clone",
                                    "message",
                                    "Cloned repository",
                                    "details",
                                    Map.of("durationMs", 812)))
                    .expect(200);

            JsonNode job = api.get("/api/jobs/" + run.jobId()).json();
            assertThat(job.at("/progress/0/step").asText()).isEqualTo("clone");
            assertThat(job.at("/progress/0/details/durationMs").asInt()).isEqualTo(812);
            assertThat(job.get("lastHeartbeatAt").asText()).isGreaterThanOrEqualTo(before);
        }

        @Test
        void logBatchesAreStoredInOrderAndPagedByLastId() {
            Started run = startAndBootstrap();
            List<Map<String, Object>> lines = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                lines.add(Map.of(
                        "level",
                        i % 10 == 9 ? "warn" : "info",
                        "message",
                        "line " + i,
                        "source",
                        "agent:claude-code:stdout"));
            }

            var reply = run.as()
                    .post("/api/jobs/" + run.jobId() + "/logs/batch", Map.of("logs", lines))
                    .expect(200);

            assertThat(reply.json().get("count").asInt()).isEqualTo(30);
            JsonNode first = api.get("/api/jobs/" + run.jobId() + "/logs?limit=20")
                    .expect(200)
                    .json();
            assertThat(first.get("logs")).hasSize(20);
            JsonNode rest = api.get("/api/jobs/" + run.jobId() + "/logs?afterId="
                            + first.get("nextAfterId").asLong())
                    .expect(200)
                    .json();
            assertThat(rest.get("logs"))
                    .extracting(l -> l.get("message").asText())
                    .containsExactly(
                            "line 20", "line 21", "line 22", "line 23", "line 24", "line 25", "line 26", "line 27",
                            "line 28", "line 29");
            assertThat(api.get("/api/jobs/" + run.jobId()).json().get("logs")).hasSize(30);
        }

        @Test
        void aNumberedBatchSentAgainIsStoredOnce_soAWorkerMayRetryWhenTheAnswerIsLost() {
            Started run = startAndBootstrap();
            String path = "/api/jobs/" + run.jobId() + "/logs/batch";
            Map<String, Object> first = Map.of(
                    "sequence",
                    0,
                    "logs",
                    List.of(Map.of("level", "info", "message", "a"), Map.of("level", "info", "message", "b")));
            Map<String, Object> second =
                    Map.of("sequence", 1, "logs", List.of(Map.of("level", "info", "message", "c")));

            assertThat(run.as()
                            .post(path, first)
                            .expect(200)
                            .json()
                            .get("count")
                            .asInt())
                    .isEqualTo(2);
            assertThat(run.as()
                            .post(path, first)
                            .expect(200)
                            .json()
                            .get("count")
                            .asInt())
                    .as("the repeat stores nothing")
                    .isZero();
            run.as().post(path, second).expect(200);
            run.as().post(path, first).expect(200);

            assertThat(api.get("/api/jobs/" + run.jobId() + "/logs").json().get("logs"))
                    .extracting(l -> l.get("message").asText())
                    .containsExactly("a", "b", "c");
        }

        @Test
        void badLogBatchesAre400() {
            Started run = startAndBootstrap();
            String path = "/api/jobs/" + run.jobId() + "/logs/batch";

            run.as().post(path, Map.of("logs", List.of())).expect(400);
            run.as()
                    .post(path, Map.of("logs", List.of(Map.of("level", "loud", "message", "x"))))
                    .expect(400);
            run.as()
                    .post(path, Map.of("logs", List.of(Map.of("level", "info", "message", "x".repeat(5001)))))
                    .expect(400);
            var tooMany = new ArrayList<Map<String, Object>>();
            for (int i = 0; i < 501; i++) {
                tooMany.add(Map.of("level", "info", "message", "x"));
            }
            run.as().post(path, Map.of("logs", tooMany)).expect(400);
            run.as()
                    .post(path, Map.of("sequence", -1, "logs", List.of(Map.of("level", "info", "message", "x"))))
                    .expect(400);
            run.as()
                    .post(path, Map.of("sequence", "first", "logs", List.of(Map.of("level", "info", "message", "x"))))
                    .expect(400);
        }
    }

    @Nested
    class Results {
        @Test
        void successCompletesTheJobAndPutsTheTicketInReviewWithThePullRequest() {
            Started run = startAndBootstrap();

            run.as()
                    .post("/api/jobs/" + run.jobId() + "/result", success("https://github.com/acme/shop/pull/7"))
                    .expect(200);

            JsonNode job = api.get("/api/jobs/" + run.jobId()).json();
            assertThat(job.get("status").asText()).isEqualTo("completed");
            assertThat(job.get("pullRequestUrl").asText()).isEqualTo("https://github.com/acme/shop/pull/7");
            assertThat(job.get("finishedAt").asText()).isNotBlank();
            JsonNode ticket = api.get("/api/tickets/" + run.ticketId()).json();
            assertThat(ticket.get("status").asText()).isEqualTo("in_review");
            assertThat(ticket.get("pullRequestUrl").asText()).isEqualTo("https://github.com/acme/shop/pull/7");
            assertThat(ticket.get("autoFixStatus").asText()).isEqualTo("completed");
        }

        @Test
        void aSecondResultIs409AndChangesNothing() {
            Started run = startAndBootstrap();
            String path = "/api/jobs/" + run.jobId() + "/result";
            run.as().post(path, success("https://github.com/acme/shop/pull/8")).expect(200);

            var again = run.as()
                    .post(
                            path,
                            Map.of(
                                    "success",
                                    false,
                                    "outcome",
                                    "agent_failed",
                                    "errorMessage",
                                    "late",
                                    "executionTimeMs",
                                    1))
                    .expect(409);

            assertThat(again.json().get("code").asText()).isEqualTo("JOB_TERMINAL");
            assertThat(api.get("/api/jobs/" + run.jobId()).json().get("status").asText())
                    .isEqualTo("completed");
        }

        @Test
        void aFailureIsClassifiedWithASummaryAndRetryFlag() {
            Started run = startAndBootstrap();

            run.as()
                    .post(
                            "/api/jobs/" + run.jobId() + "/result",
                            Map.of(
                                    "success",
                                    false,
                                    "outcome",
                                    "agent_failed",
                                    "errorMessage",
                                    "API error: rate limit exceeded (429)",
                                    "executionTimeMs",
                                    100))
                    .expect(200);

            JsonNode job = api.get("/api/jobs/" + run.jobId()).json();
            assertThat(job.get("status").asText()).isEqualTo("failed");
            assertThat(job.at("/failure/code").asText()).isEqualTo("AGENT_QUOTA_EXHAUSTED");
            assertThat(job.at("/failure/summary").asText()).contains("quota");
            assertThat(job.at("/failure/retryable").asBoolean()).isFalse();
            assertThat(api.get("/api/tickets/" + run.ticketId())
                            .json()
                            .get("autoFixStatus")
                            .asText())
                    .isEqualTo("failed");
        }

        @Test
        void aTimeoutOutcomeKeepsItsOwnCode() {
            Started run = startAndBootstrap();

            run.as()
                    .post("/api/jobs/" + run.jobId() + "/result", Fixtures.tree("job-result-failed.json"))
                    .expect(200);

            assertThat(api.get("/api/jobs/" + run.jobId())
                            .json()
                            .at("/failure/code")
                            .asText())
                    .isEqualTo("AGENT_TIMEOUT");
        }

        @Test
        void inconsistentOrInvalidResultsAre400() {
            Started run = startAndBootstrap();
            String path = "/api/jobs/" + run.jobId() + "/result";

            run.as()
                    .post(path, Map.of("success", true, "outcome", "timed_out", "executionTimeMs", 1))
                    .expect(400);
            run.as().post(path, Map.of("success", true, "executionTimeMs", 1)).expect(400);
            run.as()
                    .post(path, Map.of("success", true, "outcome", "succeeded", "executionTimeMs", -1))
                    .expect(400);
            run.as().post(path, "{\"success\": tru").expect(400);

            assertThat(api.get("/api/jobs/" + run.jobId()).json().get("status").asText())
                    .isEqualTo("active");
        }

        @Test
        void aResultBeforeTheWorkerStartedIs409() {
            Started run = start();

            run.as()
                    .post("/api/jobs/" + run.jobId() + "/result", success("https://x.test/pr/1"))
                    .expect(409);
        }

        @Test
        void logsThatArriveAfterTheResultAreStillKept() {
            Started run = startAndBootstrap();
            run.as()
                    .post("/api/jobs/" + run.jobId() + "/result", success("https://x.test/pr/2"))
                    .expect(200);

            run.as()
                    .post(
                            "/api/jobs/" + run.jobId() + "/logs/batch",
                            Map.of("logs", List.of(Map.of("level", "info", "message", "final flush"))))
                    .expect(200);

            assertThat(api.get("/api/jobs/" + run.jobId()).json().get("logs"))
                    .extracting(l -> l.get("message").asText())
                    .contains("final flush");
        }
    }

    @Nested
    class CancelRetryDelete {
        @Test
        void cancellingARunningJobTellsTheWorkerAtItsNextCallback() {
            Started run = startAndBootstrap();

            JsonNode cancelled = api.post("/api/jobs/" + run.jobId() + "/cancel", Map.of())
                    .expect(200)
                    .json();

            assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
            var progress = run.as()
                    .post("/api/jobs/" + run.jobId() + "/progress", Map.of("message", "still here"))
                    .expect(409);
            assertThat(progress.header("X-Job-Cancelled")).isEqualTo("true");
            var result = run.as()
                    .post(
                            "/api/jobs/" + run.jobId() + "/result",
                            Map.of("success", false, "outcome", "cancelled", "executionTimeMs", 5))
                    .expect(409);
            assertThat(result.header("X-Job-Cancelled")).isEqualTo("true");
            api.post("/api/jobs/" + run.jobId() + "/cancel", Map.of()).expect(409);
        }

        @Test
        void retryQueuesANewAttemptOfAFinishedJob() {
            Started run = startAndBootstrap();
            api.post("/api/jobs/" + run.jobId() + "/retry", Map.of()).expect(409);
            run.as()
                    .post(
                            "/api/jobs/" + run.jobId() + "/result",
                            Map.of(
                                    "success",
                                    false,
                                    "outcome",
                                    "agent_failed",
                                    "errorMessage",
                                    "boom",
                                    "executionTimeMs",
                                    5))
                    .expect(200);

            JsonNode retry = api.post("/api/jobs/" + run.jobId() + "/retry", Map.of())
                    .expect(202)
                    .json();

            assertThat(retry.get("attempt").asInt()).isEqualTo(2);
            assertThat(retry.get("retryOf").asText()).isEqualTo(run.jobId());
            RecordingWorker.Invocation second =
                    WORKER.awaitInvocation(retry.get("id").asText());
            JsonNode payload = api.withHeader("X-Callback-Token", second.token())
                    .get("/api/jobs/" + retry.get("id").asText() + "/bootstrap")
                    .expect(200)
                    .json();
            assertThat(payload.get("jobId").asText()).isEqualTo(retry.get("id").asText());
        }

        @Test
        void onlyFinishedJobsCanBeDeleted() {
            Started run = startAndBootstrap();
            api.delete("/api/jobs/" + run.jobId()).expect(409);
            api.post("/api/jobs/" + run.jobId() + "/cancel", Map.of()).expect(200);

            api.delete("/api/jobs/" + run.jobId()).expect(204);

            api.get("/api/jobs/" + run.jobId()).expect(404);
        }
    }

    @Nested
    class StartingRuns {
        @Test
        void aTicketStillInResearchCannotBeExecuted() {
            String ticketId = api.post("/api/tickets", Map.of("projectId", projectId, "title", "Not planned"))
                    .expect(201)
                    .json()
                    .get("id")
                    .asText();

            var reply = api.post("/api/tickets/" + ticketId + "/run", Map.of("clankerId", clankerId))
                    .expect(409);

            assertThat(reply.json().get("code").asText()).isEqualTo("EXECUTION_BLOCKED_UNAPPROVED_PLAN");
        }

        @Test
        void aProjectWithoutRepositoryOrAnInactiveClankerCannotRun() {
            String bare = api.post("/api/projects", Map.of("name", "Bare " + UUID.randomUUID()))
                    .expect(201)
                    .json()
                    .get("id")
                    .asText();
            String ticket = fixtures.executableTicket(bare, "No repo");
            assertThat(api.post("/api/tickets/" + ticket + "/run", Map.of("clankerId", clankerId))
                            .expect(400)
                            .json()
                            .get("code")
                            .asText())
                    .isEqualTo("PROJECT_REPOSITORY_NOT_CONFIGURED");

            String idle = api.post(
                            "/api/clankers", Map.of("name", "Idle", "agent", "codex", "deploymentStrategy", "local"))
                    .expect(201)
                    .json()
                    .get("id")
                    .asText();
            String ticket2 = fixtures.executableTicket(projectId, "Idle runner");
            assertThat(api.post("/api/tickets/" + ticket2 + "/run", Map.of("clankerId", idle))
                            .expect(400)
                            .json()
                            .get("code")
                            .asText())
                    .isEqualTo("CLANKER_NOT_ACTIVE");
            api.post(
                            "/api/tickets/" + ticket2 + "/run",
                            Map.of("clankerId", UUID.randomUUID().toString()))
                    .expect(404);
        }

        @Test
        void aSecondRunWhileOneIsQueuedIs409() {
            String ticketId = fixtures.executableTicket(projectId, "Twice");
            fixtures.run(ticketId, clankerId);

            var reply = api.post("/api/tickets/" + ticketId + "/run", Map.of("clankerId", clankerId))
                    .expect(409);

            assertThat(reply.json().get("code").asText()).isEqualTo("RUN_IN_PROGRESS");
        }

        @Test
        void runFilesMustBeInstructionFiles() {
            String ticketId = fixtures.executableTicket(projectId, "Files");

            var reply = api.post(
                            "/api/tickets/" + ticketId + "/run",
                            Map.of(
                                    "clankerId",
                                    clankerId,
                                    "instructionFiles",
                                    List.of(Map.of("path", "../../etc/passwd", "content", "x"))))
                    .expect(400);

            assertThat(reply.json().at("/details/0/field").asText()).isEqualTo("instructionFiles[0].path");
        }

        @Test
        void runFilesOverrideProjectInstructions() {
            String ticketId = fixtures.executableTicket(projectId, "Own instructions");
            String jobId = fixtures.run(
                            ticketId,
                            clankerId,
                            List.of(
                                    Map.of("fileType", "AGENTS.md", "content", "Use pnpm."),
                                    Map.of("path", "skills/testing.md", "content", "Write a test first.")))
                    .get("id")
                    .asText();
            RecordingWorker.Invocation worker = WORKER.awaitInvocation(jobId);

            JsonNode payload = api.withHeader("X-Callback-Token", worker.token())
                    .get("/api/jobs/" + jobId + "/bootstrap")
                    .expect(200)
                    .json();

            assertThat(payload.get("instructionFiles"))
                    .extracting(
                            f -> f.get("path").asText() + "=" + f.get("content").asText())
                    .containsExactly("AGENTS.md=Use pnpm.", "skills/testing.md=Write a test first.");
        }
    }

    @Nested
    class Listing {
        @Test
        void listFiltersByProjectTicketAndStatusAndStatsCount() {
            Started done = startAndBootstrap();
            done.as()
                    .post("/api/jobs/" + done.jobId() + "/result", success("https://x.test/pr/9"))
                    .expect(200);
            Started running = startAndBootstrap();

            JsonNode completed = api.get("/api/jobs?projectId=" + projectId + "&status=completed")
                    .expect(200)
                    .json();
            JsonNode forTicket = api.get("/api/jobs?ticketId=" + running.ticketId())
                    .expect(200)
                    .json();
            JsonNode stats = api.get("/api/jobs/stats/queue?projectId=" + projectId)
                    .expect(200)
                    .json();

            assertThat(completed.get("data"))
                    .extracting(j -> j.get("id").asText())
                    .containsExactly(done.jobId());
            assertThat(forTicket.get("data"))
                    .extracting(j -> j.get("id").asText())
                    .containsExactly(running.jobId());
            assertThat(stats.get("completed").asLong()).isEqualTo(1);
            assertThat(stats.get("active").asLong()).isEqualTo(1);
            api.get("/api/jobs?status=finished").expect(400);
        }
    }
}
