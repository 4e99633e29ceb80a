package io.viberglass.platform.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Accounts;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.RecordingWorker;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Interactive sessions through the HTTP API, with a fake worker speaking the session callbacks. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SessionsApiTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(SessionsApiTest.class);

    static final RecordingWorker WORKER = new RecordingWorker();
    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB, overrides());

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(WORKER.overrides()));
        all.add(ConfigOverride.config("sessions.heartbeatInterval", "200ms"));
        return all.toArray(ConfigOverride[]::new);
    }

    static final String PLAN = "# Plan\n\n1. Find the greeting\n2. Make it kind\n";

    private final Api admin = Api.of(APP);
    private final Accounts accounts = new Accounts(admin);
    private final Fixtures fixtures = new Fixtures(admin);
    private String projectId;
    private String clankerId;
    private String ticketId;
    private Accounts.Login alice;
    private Accounts.Login bob;
    private Api asAlice;
    private Api asBob;

    @BeforeEach
    void scenery() {
        projectId = fixtures.project("https://github.com/acme/shop.git");
        clankerId = fixtures.activeClanker(Map.of());
        ticketId = admin.post(
                        "/api/tickets",
                        Map.of("projectId", projectId, "title", "Greeting is rude", "description", "It says go away."))
                .expect(201)
                .json()
                .get("id")
                .asText();
        alice = accounts.member();
        bob = accounts.member();
        accounts.grant(projectId, alice, "member");
        accounts.grant(projectId, bob, "member");
        asAlice = admin.as(alice.token());
        asBob = admin.as(bob.token());
    }

    private JsonNode launch(Api as, String mode, String message) {
        return as.post(
                        "/api/tickets/" + ticketId + "/agent-sessions",
                        Map.of("mode", mode, "clankerId", clankerId, "message", message))
                .expect(201)
                .json();
    }

    private JsonNode session(String id) {
        return admin.get("/api/agent-sessions/" + id).expect(200).json();
    }

    private List<JsonNode> events(String sessionId) {
        List<JsonNode> all = new ArrayList<>();
        admin.get("/api/agent-sessions/" + sessionId + "/events?afterSequence=0")
                .expect(200)
                .json()
                .forEach(all::add);
        return all;
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asText()).toList();
    }

    private static String lastJob(JsonNode detail) {
        return detail.get("session").get("lastJobId").asText();
    }

    static byte[] gzip(String text) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
                out.write(text.getBytes());
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void planningSession_twoPeopleWriteDuringATurn_oneContinuationCarriesBoth_permissionAndPlanRevision()
            throws Exception {
        JsonNode launched = launch(asAlice, "planning", "Plan the greeting fix");
        String sessionId = launched.get("session").get("id").asText();
        String firstJob = lastJob(launched);
        assertThat(launched.get("session").get("status").asText()).isEqualTo("active");
        assertThat(launched.get("turns"))
                .extracting(t -> t.get("role").asText() + "#"
                        + t.get("sequence").asInt() + ":" + t.get("status").asText())
                .containsExactly("user#1:completed", "assistant#2:queued");
        // the first message is taken by the first turn (upstream left it waiting)
        assertThat(launched.get("turns").get(0).get("consumedByTurnId").asText())
                .isEqualTo(launched.get("turns").get(1).get("id").asText());
        assertThat(launched.get("turns").get(0).get("userId").asText()).isEqualTo(alice.userId());

        SessionWorker turn1 = SessionWorker.pickUp(admin, WORKER, firstJob);
        JsonNode sessionPart = turn1.payload.get("session");
        assertThat(sessionPart.get("sessionId").asText()).isEqualTo(sessionId);
        assertThat(sessionPart.get("mode").asText()).isEqualTo("planning");
        assertThat(sessionPart.get("restoreState").asBoolean()).isFalse();
        assertThat(sessionPart.get("permissionTimeoutSeconds").asInt()).isEqualTo(900);
        assertThat(turn1.payload.get("kind").asText()).isEqualTo("planning");
        assertThat(turn1.payload.get("task").asText())
                .contains("Greeting is rude")
                .contains("Plan the greeting fix");
        assertThat(session(sessionId).get("turns").get(1).get("status").asText())
                .isEqualTo("running");

        turn1.say("Looking at the greeting").expect(200);
        turn1.reportAcpSession("acp-123").expect(204);
        JsonNode aliceQueued = asAlice.post(
                        "/api/agent-sessions/" + sessionId + "/message", Map.of("messageText", "Keep it short"))
                .expect(200)
                .json();
        JsonNode bobQueued = asBob.post(
                        "/api/agent-sessions/" + sessionId + "/message", Map.of("messageText", "And add a test"))
                .expect(200)
                .json();
        assertThat(aliceQueued.get("queued").asBoolean()).isTrue();
        assertThat(bobQueued.get("queued").asBoolean()).isTrue();
        assertThat(bobQueued.get("turn").get("jobId").asText()).isEqualTo(firstJob);

        String requestId = turn1.askPermission("Run npm test");
        JsonNode waiting = session(sessionId);
        assertThat(waiting.get("session").get("status").asText()).isEqualTo("waiting_on_approval");
        assertThat(waiting.get("pendingRequest").get("requestType").asText()).isEqualTo("approval");
        CompletableFuture<Api.Reply> decision = turn1.awaitDecision(requestId, 20);
        asBob.post("/api/agent-sessions/" + sessionId + "/approve", Map.of("approved", true, "optionId", "allow"))
                .expect(200);
        JsonNode decided = decision.get(20, TimeUnit.SECONDS).expect(200).json();
        assertThat(decided.get("status").asText()).isEqualTo("resolved");
        assertThat(decided.get("optionId").asText()).isEqualTo("allow");
        assertThat(decided.get("decidedBy").asText()).isEqualTo("User " + bob.email());
        assertThat(session(sessionId).get("session").get("status").asText()).isEqualTo("active");

        byte[] state = gzip("conversation so far");
        turn1.putState(state).expect(200);
        turn1.finish(PLAN).expect(200);

        JsonNode afterTurn = session(sessionId);
        String secondJob = lastJob(afterTurn);
        assertThat(secondJob).isNotEqualTo(firstJob);
        assertThat(afterTurn.get("turns"))
                .extracting(t -> t.get("role").asText() + "#"
                        + t.get("sequence").asInt() + ":" + t.get("status").asText())
                .containsExactly(
                        "user#1:completed",
                        "assistant#2:completed",
                        "user#3:completed",
                        "user#4:completed",
                        "assistant#5:queued");
        String continuation = afterTurn.get("turns").get(4).get("id").asText();
        assertThat(afterTurn.get("turns").get(2).get("consumedByTurnId").asText())
                .isEqualTo(continuation);
        assertThat(afterTurn.get("turns").get(3).get("consumedByTurnId").asText())
                .isEqualTo(continuation);
        JsonNode planningJobs = admin.get("/api/jobs?ticketId=" + ticketId + "&kind=planning")
                .expect(200)
                .json();
        assertThat(planningJobs.get("pagination").get("total").asInt()).isEqualTo(2);

        JsonNode revisions = admin.get("/api/tickets/" + ticketId + "/phases/planning/revisions")
                .expect(200)
                .json();
        assertThat(revisions.toString()).contains("1. Find the greeting");
        assertThat(types(events(sessionId)))
                .containsSubsequence(
                        "session_started",
                        "user_message",
                        "turn_started",
                        "assistant_message",
                        "user_message",
                        "user_message",
                        "needs_approval",
                        "approval_resolved",
                        "artifact_updated",
                        "turn_completed",
                        "turn_started");

        SessionWorker turn2 = SessionWorker.pickUp(admin, WORKER, secondJob);
        String task = turn2.payload.get("task").asText();
        assertThat(task)
                .isEqualTo("[User " + alice.email() + "]: Keep it short\n\n[User " + bob.email() + "]: And add a test");
        assertThat(turn2.payload.get("session").get("acpSessionId").asText()).isEqualTo("acp-123");
        assertThat(turn2.payload.get("session").get("restoreState").asBoolean()).isTrue();
        assertThat(turn2.as.bytes(turn2.path("/session-state"))).isEqualTo(state);

        turn2.finish(PLAN + "3. Add a test\n").expect(200);
        JsonNode done = session(sessionId);
        assertThat(done.get("session").get("status").asText()).isEqualTo("completed");
        assertThat(types(events(sessionId))).endsWith("artifact_updated", "turn_completed", "session_completed");
        assertThat(admin.get("/api/agent-sessions/" + sessionId + "/participants")
                        .expect(200)
                        .json())
                .extracting(p -> p.get("userId").asText())
                .containsExactly(alice.userId(), bob.userId());
    }

    @Test
    void everyPersonsActionNamesThemOnItsEvent() {
        JsonNode launched = launch(asAlice, "research", "Find out why");
        String sessionId = launched.get("session").get("id").asText();
        asBob.post("/api/agent-sessions/" + sessionId + "/message", Map.of("messageText", "Look at i18n too"))
                .expect(200);
        asBob.post("/api/agent-sessions/" + sessionId + "/cancel", Map.of()).expect(200);

        List<JsonNode> byPeople = events(sessionId).stream()
                .filter(e -> List.of("session_started", "user_message", "session_cancelled")
                        .contains(e.get("type").asText()))
                .toList();
        assertThat(byPeople)
                .extracting(e -> e.get("type").asText() + ":" + e.get("userId").asText())
                .containsExactly(
                        "session_started:" + alice.userId(),
                        "user_message:" + alice.userId(),
                        "user_message:" + bob.userId(),
                        "session_cancelled:" + bob.userId());
    }

    @Nested
    class Questions {
        @Test
        void aQuestionWaitsForAReply_andTheReplyStartsTheNextTurn() {
            JsonNode launched = launch(asAlice, "research", "Find out why");
            String sessionId = launched.get("session").get("id").asText();
            SessionWorker turn1 = SessionWorker.pickUp(admin, WORKER, lastJob(launched));
            turn1.events(List.of(Map.of("type", "needs_input", "payload", Map.of("prompt", "Which page?"))))
                    .expect(200);
            turn1.finish(null).expect(200);

            JsonNode waiting = session(sessionId);
            assertThat(waiting.get("session").get("status").asText()).isEqualTo("waiting_on_user");
            assertThat(waiting.get("pendingRequest").get("promptMarkdown").asText())
                    .isEqualTo("Which page?");
            JsonNode replied = asBob.post(
                            "/api/agent-sessions/" + sessionId + "/reply", Map.of("replyText", "The home page"))
                    .expect(200)
                    .json();

            assertThat(replied.get("queued").asBoolean()).isFalse();
            assertThat(replied.get("session").get("status").asText()).isEqualTo("active");
            SessionWorker turn2 = SessionWorker.pickUp(
                    admin, WORKER, replied.get("turn").get("jobId").asText());
            assertThat(turn2.payload.get("task").asText()).contains("[User " + bob.email() + "]: The home page");
        }

        @Test
        void replyWithoutAnOpenQuestion_is409() {
            String sessionId = launch(asAlice, "research", "Find out why")
                    .get("session")
                    .get("id")
                    .asText();

            JsonNode refused = asAlice.post("/api/agent-sessions/" + sessionId + "/reply", Map.of("replyText", "Hm"))
                    .expect(409)
                    .json();
            assertThat(refused.get("code").asText()).isEqualTo("SESSION_NOT_IN_EXPECTED_STATE");
        }
    }

    @Nested
    class Turns {
        @Test
        void aFailedTurnLeavesTheSessionOpen_andTheNextMessageStartsATurnAtOnce() {
            JsonNode launched = launch(asAlice, "execution", "Fix it");
            String sessionId = launched.get("session").get("id").asText();
            SessionWorker.pickUp(admin, WORKER, lastJob(launched))
                    .fail("agent crashed")
                    .expect(200);

            assertThat(session(sessionId).get("session").get("status").asText()).isEqualTo("active");
            assertThat(types(events(sessionId))).endsWith("turn_failed");
            JsonNode next = asAlice.post(
                            "/api/agent-sessions/" + sessionId + "/message", Map.of("messageText", "Again"))
                    .expect(200)
                    .json();
            assertThat(next.get("queued").asBoolean()).isFalse();
            assertThat(next.get("turn").get("status").asText()).isEqualTo("queued");
        }

        @Test
        void aSecondLiveSessionForTheSameTicketAndMode_is409_butAnotherModeMayRun() {
            launch(asAlice, "research", "One");

            JsonNode refused = asBob.post(
                            "/api/tickets/" + ticketId + "/agent-sessions",
                            Map.of("mode", "research", "clankerId", clankerId, "message", "Two"))
                    .expect(409)
                    .json();
            assertThat(refused.get("code").asText()).isEqualTo("SESSION_ALREADY_ACTIVE");
            launch(asBob, "planning", "Plan meanwhile");
            assertThat(admin.get("/api/agent-sessions?projectId=" + projectId)
                            .expect(200)
                            .json())
                    .hasSize(2);
        }

        @Test
        void approveWithoutAnOpenPermissionRequest_is409() {
            String sessionId =
                    launch(asAlice, "research", "Go").get("session").get("id").asText();

            asAlice.post("/api/agent-sessions/" + sessionId + "/approve", Map.of("approved", true))
                    .expect(409);
        }

        @Test
        void aRejectionPicksTheRejectOption_andAnOptionThatDoesNotFitIs400() throws Exception {
            JsonNode launched = launch(asAlice, "execution", "Fix it");
            String sessionId = launched.get("session").get("id").asText();
            SessionWorker turn = SessionWorker.pickUp(admin, WORKER, lastJob(launched));
            String requestId = turn.askPermission("rm -rf build");

            asAlice.post(
                            "/api/agent-sessions/" + sessionId + "/approve",
                            Map.of("approved", false, "optionId", "allow"))
                    .expect(400);
            asAlice.post("/api/agent-sessions/" + sessionId + "/approve", Map.of("approved", false, "optionId", "nope"))
                    .expect(400);
            asAlice.post("/api/agent-sessions/" + sessionId + "/approve", Map.of("approved", false))
                    .expect(200);

            JsonNode decided = turn.awaitDecision(requestId, 0)
                    .get(10, TimeUnit.SECONDS)
                    .expect(200)
                    .json();
            assertThat(decided.get("status").asText()).isEqualTo("resolved");
            assertThat(decided.get("optionId").asText()).isEqualTo("reject");
        }
    }

    @Nested
    class PermissionWaits {
        @Test
        void aWaitThatRunsOutAnswersOpen() throws Exception {
            JsonNode launched = launch(asAlice, "execution", "Fix it");
            SessionWorker turn = SessionWorker.pickUp(admin, WORKER, lastJob(launched));
            String requestId = turn.askPermission("npm install");

            JsonNode answer = turn.awaitDecision(requestId, 1)
                    .get(10, TimeUnit.SECONDS)
                    .expect(200)
                    .json();

            assertThat(answer.get("status").asText()).isEqualTo("open");
        }

        @Test
        void theTurnEndingCancelsItsOpenRequest_andTheSessionWorksAgain() throws Exception {
            JsonNode launched = launch(asAlice, "execution", "Fix it");
            String sessionId = launched.get("session").get("id").asText();
            SessionWorker turn = SessionWorker.pickUp(admin, WORKER, lastJob(launched));
            String requestId = turn.askPermission("npm install");
            CompletableFuture<Api.Reply> decision = turn.awaitDecision(requestId, 20);

            turn.fail("agent crashed").expect(200);

            assertThat(decision.get(20, TimeUnit.SECONDS).json().get("status").asText())
                    .isEqualTo("cancelled");
            JsonNode after = session(sessionId);
            assertThat(after.get("session").get("status").asText()).isEqualTo("active");
            assertThat(after.hasNonNull("pendingRequest")).isFalse();
            assertThat(types(events(sessionId))).endsWith("needs_approval", "approval_resolved", "turn_failed");
        }
    }

    @Nested
    class Cancel {
        @Test
        void cancellingStopsTheTurnsJob_andAnswersTheWaitingWorkerCancelled() throws Exception {
            JsonNode launched = launch(asAlice, "execution", "Fix it");
            String sessionId = launched.get("session").get("id").asText();
            SessionWorker turn = SessionWorker.pickUp(admin, WORKER, lastJob(launched));
            String requestId = turn.askPermission("git push --force");
            CompletableFuture<Api.Reply> decision = turn.awaitDecision(requestId, 20);

            JsonNode cancelled = asBob.post("/api/agent-sessions/" + sessionId + "/cancel", Map.of())
                    .expect(200)
                    .json();

            assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
            assertThat(decision.get(20, TimeUnit.SECONDS).json().get("status").asText())
                    .isEqualTo("cancelled");
            assertThat(admin.get("/api/jobs/" + turn.jobId).json().get("status").asText())
                    .isEqualTo("cancelled");
            assertThat(events(sessionId)
                            .get(events(sessionId).size() - 1)
                            .get("payload")
                            .get("cancelledBy")
                            .asText())
                    .isEqualTo("User " + bob.email());
            asBob.post("/api/agent-sessions/" + sessionId + "/cancel", Map.of()).expect(409);
            asBob.post("/api/agent-sessions/" + sessionId + "/message", Map.of("messageText", "late"))
                    .expect(409);
            turn.say("still here?").expect(409);
        }
    }

    @Nested
    class WorkerCallbacks {
        @Test
        void platformOnlyEventTypesAreRefusedWithTheFieldNamed() {
            JsonNode launched = launch(asAlice, "research", "Go");
            SessionWorker turn = SessionWorker.pickUp(admin, WORKER, lastJob(launched));

            JsonNode refused = turn.events(List.of(
                            Map.of("type", "progress", "payload", Map.of("text", "ok")),
                            Map.of("type", "turn_completed", "payload", Map.of())))
                    .expect(400)
                    .json();
            assertThat(refused.toString()).contains("events[1].type");
        }

        @Test
        void secretsInEventsAreRedactedBeforeTheyAreStored() {
            JsonNode launched = launch(asAlice, "research", "Go");
            String sessionId = launched.get("session").get("id").asText();
            SessionWorker turn = SessionWorker.pickUp(admin, WORKER, lastJob(launched));

            String token = "ghp_" + "a".repeat(36);
            turn.events(List.of(Map.of(
                            "type",
                            "tool_call_completed",
                            "payload",
                            Map.of("toolName", "shell", "output", Map.of("stdout", "token=" + token)))))
                    .expect(200);

            assertThat(events(sessionId).toString()).doesNotContain(token);
        }

        @Test
        void anotherJobsTokenOrNoTokenIsRefused_andAPlainRunIsNotASessionTurn() {
            JsonNode launched = launch(asAlice, "research", "Go");
            String jobId = lastJob(launched);
            WORKER.awaitInvocation(jobId);

            admin.post(
                            "/api/jobs/" + jobId + "/session-events/batch",
                            Map.of("events", List.of(Map.of("type", "progress", "payload", Map.of()))))
                    .expect(401);
            String plainTicket = fixtures.executableTicket(projectId, "Plain run");
            String plainJob = fixtures.run(plainTicket, clankerId).get("id").asText();
            SessionWorker plain = SessionWorker.pickUp(admin, WORKER, plainJob);
            assertThat(plain.say("hi").expect(404).json().get("code").asText()).isEqualTo("SESSION_TURN_NOT_FOUND");
        }

        @Test
        void stateMustBeGzip_andWaitIsCapped() {
            JsonNode launched = launch(asAlice, "research", "Go");
            SessionWorker turn = SessionWorker.pickUp(admin, WORKER, lastJob(launched));

            turn.putState("not gzip".getBytes()).expect(400);
            turn.as.get(turn.path("/session-state")).expect(404);
            String requestId = turn.askPermission("ls");
            turn.as
                    .get(turn.path("/permission-requests/" + requestId + "?waitSeconds=31"))
                    .expect(400);
            turn.as.get(turn.path("/permission-requests/" + UUID.randomUUID())).expect(404);
        }
    }

    static List<Map<String, Object>> badLaunches() {
        return List.of(
                Map.of("clankerId", UUID.randomUUID().toString(), "message", "no mode"),
                Map.of("mode", "research", "message", "no clanker"),
                Map.of("mode", "research", "clankerId", UUID.randomUUID().toString(), "message", " "),
                Map.of("mode", "claw", "clankerId", UUID.randomUUID().toString(), "message", "wrong mode"),
                Map.of("mode", "dreaming", "clankerId", UUID.randomUUID().toString(), "message", "unknown mode"),
                Map.of("mode", "research", "clankerId", "not-a-uuid", "message", "bad id"));
    }

    @ParameterizedTest
    @MethodSource("badLaunches")
    void invalidLaunchesAre400(Map<String, Object> body) {
        admin.post("/api/tickets/" + ticketId + "/agent-sessions", body).expect(400);
    }

    @Test
    void blankMessagesAndMissingDecisionsAre400() {
        String sessionId =
                launch(asAlice, "research", "Go").get("session").get("id").asText();

        asAlice.post("/api/agent-sessions/" + sessionId + "/message", Map.of("messageText", ""))
                .expect(400);
        asAlice.post("/api/agent-sessions/" + sessionId + "/reply", Map.of()).expect(400);
        asAlice.post("/api/agent-sessions/" + sessionId + "/approve", Map.of("optionId", "allow"))
                .expect(400);
        admin.get("/api/agent-sessions?statuses=sleeping").expect(400);
        admin.get("/api/agent-sessions/" + UUID.randomUUID()).expect(404);
    }
}
