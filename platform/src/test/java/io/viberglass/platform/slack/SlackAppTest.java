package io.viberglass.platform.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.RecordingWorker;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(DropwizardExtensionsSupport.class)
class SlackAppTest {
    private static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(SlackAppTest.class);

    static final FakeSlack SLACK = new FakeSlack();
    static final RecordingWorker WORKER = new RecordingWorker();
    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(
            DB,
            Stream.concat(
                            Stream.of(WORKER.overrides()),
                            Stream.of(
                                    ConfigOverride.config("slack.apiUrl", SLACK.apiUrl()),
                                    ConfigOverride.config("slack.deliveryInterval", "100ms"),
                                    ConfigOverride.config("publicUrl", "https://viberglass.example.com")))
                    .toArray(ConfigOverride[]::new));

    private final Api api = Api.of(APP);
    private final SignedSlack slack = new SignedSlack(api, SIGNING_SECRET);
    private final Fixtures fixtures = new Fixtures(api);
    private String projectId;
    private String clankerId;
    private String channel;

    @BeforeAll
    static void secrets() {
        Api api = Api.of(APP);
        api.post("/api/secrets", Map.of("name", "SLACK_SIGNING_SECRET", "storage", "database", "value", SIGNING_SECRET))
                .expect(201);
        api.post("/api/secrets", Map.of("name", "SLACK_BOT_TOKEN", "storage", "database", "value", FakeSlack.BOT_TOKEN))
                .expect(201);
        for (String email : List.of("alice@example.com", "victor@example.com")) {
            api.post("/api/users", Map.of("email", email, "name", email, "password", "a long enough password 1"))
                    .expect(201);
        }
    }

    @AfterAll
    static void stopSlack() {
        SLACK.stop();
    }

    @BeforeEach
    void scenery() {
        SLACK.stubDefaults();
        projectId = fixtures.project("https://github.com/acme/shop.git");
        clankerId = fixtures.activeClanker(Map.of());
        channel = "C" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        api.post("/api/projects/" + projectId + "/members", Map.of("email", "alice@example.com", "role", "approver"))
                .expect(201);
        api.post("/api/projects/" + projectId + "/members", Map.of("email", "victor@example.com", "role", "viewer"))
                .expect(201);
    }

    private static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100));
    }

    /** Slash command, then the modal submitted in {@code mode}; returns the ticket the submission created. */
    private JsonNode launch(String mode, String message) {
        slack.command(channel, "U0ALICE", message, "13345224609.738474920.8088930838d88f008e0")
                .expect(200);
        slack.interaction(SlackPayloads.viewSubmission("U0ALICE", channel, projectId, clankerId, mode, message))
                .expect(200);
        JsonNode tickets = api.get("/api/tickets?projectId=" + projectId)
                .expect(200)
                .json()
                .get("data");
        assertThat(tickets).hasSize(1);
        return tickets.get(0);
    }

    private String job(String ticketId, String kind) {
        return eventually()
                .until(
                        () -> api.get("/api/jobs?ticketId=" + ticketId + "&kind=" + kind)
                                .json()
                                .get("data"),
                        jobs -> jobs.size() > 0)
                .get(0)
                .get("id")
                .asText();
    }

    /** Acts as the worker the local invoker started: fetches the payload (the run starts) and sends the result. */
    private void finishAsWorker(String jobId, Map<String, Object> result) {
        RecordingWorker.Invocation worker = WORKER.awaitInvocation(jobId);
        Api as = api.withHeader("X-Callback-Token", worker.token());
        as.get("/api/jobs/" + jobId + "/bootstrap").expect(200);
        as.post("/api/jobs/" + jobId + "/result", result).expect(200);
    }

    private static Map<String, Object> document(String content) {
        return Map.of("success", true, "outcome", "succeeded", "documentContent", content, "executionTimeMs", 5);
    }

    private List<String> threadTexts() {
        return SLACK.messages(channel).stream()
                .filter(m -> FakeSlack.THREAD_TS.equals(m.get("thread_ts")))
                .map(m -> m.get("text"))
                .toList();
    }

    @Test
    void slashCommandModalApprovalRunsTheTicketThroughToExecutionInOneThread() {
        JsonNode ticket = launch("planning", "The greeting is rude.\nMake it kind.");
        String ticketId = ticket.get("id").asText();

        assertThat(SLACK.calls("views.open")).singleElement().satisfies(call -> {
            assertThat(call.get("trigger_id")).isEqualTo("13345224609.738474920.8088930838d88f008e0");
            assertThat(call.get("view")).contains("viberator_launch", projectId, clankerId, "The greeting is rude.");
        });
        assertThat(SLACK.requests("views.open").get(0).getHeader("Authorization"))
                .isEqualTo("Bearer " + FakeSlack.BOT_TOKEN);
        assertThat(ticket.get("title").asText()).isEqualTo("The greeting is rude.");
        assertThat(ticket.get("ticketSystem").asText()).isEqualTo("slack");
        assertThat(ticket.get("workflowPhase").asText()).isEqualTo("planning");

        String planning = job(ticketId, "planning");
        eventually().untilAsserted(() -> assertThat(SLACK.messages(channel)).isNotEmpty());
        Map<String, String> opening = SLACK.messages(channel).get(0);
        assertThat(opening).doesNotContainKey("thread_ts");
        assertThat(opening.get("text"))
                .startsWith("*Job started:* <https://viberglass.example.com/projects/")
                .contains("/tickets/" + ticketId + "|The greeting is rude.>");
        eventually().untilAsserted(() -> assertThat(threadTexts())
                .anySatisfy(text -> assertThat(text).contains("*Mode:* planning", "Make it kind."))
                .anySatisfy(text -> assertThat(text).contains("Plan run queued (job " + planning)));

        finishAsWorker(planning, document("# Plan\n\n1. Find the greeting\n2. Make it kind\n"));

        eventually().untilAsserted(() -> assertThat(SLACK.calls("files.completeUploadExternal"))
                .singleElement()
                .satisfies(call -> {
                    assertThat(call.get("channel_id")).isEqualTo(channel);
                    assertThat(call.get("thread_ts")).isEqualTo(FakeSlack.THREAD_TS);
                    assertThat(call.get("files")).contains("F0001", "Plan");
                }));
        assertThat(SLACK.calls("files.getUploadURLExternal")).singleElement().satisfies(call -> {
            assertThat(call.get("filename")).isEqualTo("planning.md");
            assertThat(call.get("length"))
                    .isEqualTo(Integer.toString("# Plan\n\n1. Find the greeting\n2. Make it kind\n"
                            .getBytes(StandardCharsets.UTF_8)
                            .length));
        });
        assertThat(SLACK.server
                        .findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/upload/v1/ABC123")))
                        .get(0)
                        .getBodyAsString())
                .startsWith("# Plan");
        eventually().untilAsserted(() -> assertThat(SLACK.messages(channel)).anySatisfy(m -> assertThat(m.get("blocks"))
                .contains("ticket_approve_phase", "ticket_reject_phase", ticketId + ":planning")));
        assertThat(threadTexts()).anySatisfy(text -> assertThat(text).contains("started the planning run"));

        slack.interaction(SlackPayloads.buttonClick(channel, "U0ALICE", "ticket_approve_phase", ticketId + ":planning"))
                .expect(200);

        String execution = job(ticketId, "execution");
        JsonNode plan = api.get("/api/tickets/" + ticketId + "/phases/planning").json();
        assertThat(plan.at("/document/approvalState").asText()).isEqualTo("approved");
        assertThat(plan.at("/document/approvedBy").asText()).isEqualTo("alice@example.com");
        assertThat(api.get("/api/tickets/" + ticketId)
                        .json()
                        .get("workflowPhase")
                        .asText())
                .isEqualTo("execution");
        eventually().untilAsserted(() -> assertThat(threadTexts())
                .anySatisfy(text -> assertThat(text).contains("*Plan approved* by alice@example.com"))
                .anySatisfy(text -> assertThat(text).contains("Execution run queued (job " + execution)));

        finishAsWorker(
                execution,
                Map.of(
                        "success", true,
                        "outcome", "succeeded",
                        "branch", "viberator/greeting",
                        "pullRequestUrl", "https://github.com/acme/shop/pull/7",
                        "executionTimeMs", 5));

        eventually().untilAsserted(() -> assertThat(threadTexts()).anySatisfy(text -> assertThat(text)
                .contains("<https://github.com/acme/shop/pull/7>", "*Job completed.*")));
    }

    @Test
    void aSlackUserWithoutAnAccountIsRefusedPrivatelyAndNothingIsApproved() {
        String ticketId = launch("planning", "Rename the button").get("id").asText();
        finishAsWorker(job(ticketId, "planning"), document("# Plan\nRename it.\n"));

        slack.interaction(
                        SlackPayloads.buttonClick(channel, "U0NOMAIL", "ticket_approve_phase", ticketId + ":planning"))
                .expect(200);

        eventually().untilAsserted(() -> assertThat(SLACK.calls("chat.postEphemeral"))
                .anySatisfy(call -> {
                    assertThat(call.get("user")).isEqualTo("U0NOMAIL");
                    assertThat(call.get("thread_ts")).isEqualTo(FakeSlack.THREAD_TS);
                    assertThat(call.get("text")).contains("not linked to a Viberglass account");
                }));
        assertThat(api.get("/api/tickets/" + ticketId + "/phases/planning")
                        .json()
                        .at("/document/approvalState")
                        .asText())
                .isEqualTo("draft");
        assertThat(api.get("/api/jobs?ticketId=" + ticketId + "&kind=execution")
                        .json()
                        .get("data"))
                .isEmpty();
    }

    @Test
    void aProjectViewerCannotApproveFromSlackEither() {
        String ticketId = launch("planning", "Rename the button").get("id").asText();
        finishAsWorker(job(ticketId, "planning"), document("# Plan\nRename it.\n"));

        slack.interaction(
                        SlackPayloads.buttonClick(channel, "U0VICTOR", "ticket_approve_phase", ticketId + ":planning"))
                .expect(200);

        eventually().untilAsserted(() -> assertThat(SLACK.calls("chat.postEphemeral"))
                .anySatisfy(call -> {
                    assertThat(call.get("user")).isEqualTo("U0VICTOR");
                    assertThat(call.get("text")).contains("approver role");
                }));
        assertThat(api.get("/api/tickets/" + ticketId + "/phases/planning")
                        .json()
                        .at("/document/approvalState")
                        .asText())
                .isEqualTo("draft");
    }

    @Test
    void theApprovalFromSlackIsInTheAuditLogUnderTheSlackUsersAccount() {
        String ticketId = launch("planning", "Rename the button").get("id").asText();
        finishAsWorker(job(ticketId, "planning"), document("# Plan\nRename it.\n"));

        slack.interaction(SlackPayloads.buttonClick(channel, "U0ALICE", "ticket_approve_phase", ticketId + ":planning"))
                .expect(200);

        job(ticketId, "execution");
        JsonNode events =
                api.get("/api/admin/audit?projectId=" + projectId).expect(200).json();
        assertThat(events.get("events"))
                .anySatisfy(event -> {
                    assertThat(event.get("action").asText()).isEqualTo("approval.approved");
                    assertThat(event.get("actor").asText()).isEqualTo("alice@example.com");
                })
                .anySatisfy(event -> assertThat(event.get("action").asText()).isEqualTo("slack.ticket_launched"));
    }

    @Test
    void aFailedRunIsReportedInTheThreadWithItsReason() {
        String ticketId = launch("research", "Why is checkout slow?").get("id").asText();

        finishAsWorker(
                job(ticketId, "research"),
                Map.of(
                        "success",
                        false,
                        "outcome",
                        "agent_failed",
                        "errorMessage",
                        "agent exited with 3",
                        "executionTimeMs",
                        5));

        eventually().untilAsserted(() -> assertThat(threadTexts())
                .anySatisfy(text -> assertThat(text).startsWith("*Job failed.*").contains("agent exited with 3")));
    }

    @Test
    void aMentionWithFeedbackQueuesARevisionOfTheThreadsDocument() {
        String ticketId = launch("research", "Why is checkout slow?").get("id").asText();
        finishAsWorker(job(ticketId, "research"), document("# Research\nIt is the database.\n"));
        eventually().untilAsserted(() -> assertThat(SLACK.calls("files.completeUploadExternal"))
                .isNotEmpty());

        slack.event(SlackPayloads.mention(channel, "U0ALICE", "<@U0BOT> revise also look at the cache"))
                .expect(200);

        eventually().untilAsserted(() -> assertThat(api.get("/api/tickets/" + ticketId + "/phases/research/runs")
                        .json())
                .anySatisfy(
                        run -> assertThat(run.path("revisionMessage").asText()).isEqualTo("also look at the cache")));
        eventually().untilAsserted(() -> assertThat(threadTexts())
                .anySatisfy(text -> assertThat(text).contains("Revision job queued")));
    }

    @Test
    void advanceByMentionApprovesTheResearchAndRunsPlanning() {
        String ticketId = launch("research", "Why is checkout slow?").get("id").asText();
        finishAsWorker(job(ticketId, "research"), document("# Research\nIt is the database.\n"));

        slack.event(SlackPayloads.mention(channel, "U0ALICE", "<@U0BOT> advance"))
                .expect(200);

        job(ticketId, "planning");
        assertThat(api.get("/api/tickets/" + ticketId + "/phases/research")
                        .json()
                        .at("/document/approvalState")
                        .asText())
                .isEqualTo("approved");
    }

    @Test
    void aRateLimitedPostWaitsForRetryAfterAndIsThenDelivered() {
        SLACK.rateLimitNextPost(2);

        launch("research", "Why is checkout slow?");

        eventually().untilAsserted(() -> assertThat(threadTexts()).isNotEmpty());
        var attempts = SLACK.requests("chat.postMessage");
        assertThat(FakeSlack.form(attempts.get(0).getBodyAsString()))
                .isEqualTo(FakeSlack.form(attempts.get(1).getBodyAsString()));
        assertThat(Duration.between(
                        attempts.get(0).getLoggedDate().toInstant(),
                        attempts.get(1).getLoggedDate().toInstant()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void aModalWithoutAMessageIsSentBackWithTheFieldMarkedRequired() {
        JsonNode answer = slack.interaction(
                        SlackPayloads.viewSubmission("U0ALICE", channel, projectId, clankerId, "research", "")
                                .replace("\"value\":\"\"}}}}}", "\"value\":null}}}}}"))
                .expect(200)
                .json();

        assertThat(answer.get("response_action").asText()).isEqualTo("errors");
        assertThat(answer.at("/errors/message").asText()).isEqualTo("Required");
        assertThat(api.get("/api/tickets?projectId=" + projectId).json().get("data"))
                .isEmpty();
    }

    @Test
    void aPermanentSlackErrorIsRecordedAsDeadAndTheThreadsOtherUpdatesWithIt() {
        SLACK.refusePosts(channel, "not_in_channel");

        String ticketId = launch("research", "Why is checkout slow?").get("id").asText();

        var jdbi = org.jdbi.v3.core.Jdbi.create(DB.dataSource());
        java.util.function.Supplier<List<String>> outbox = () -> jdbi.withHandle(handle -> handle.createQuery(
                        "select o.kind || ':' || o.status || ':' || coalesce(o.last_error, '') from slack_outbox o "
                                + "join chat_ticket_threads t on t.id = o.thread_id where t.ticket_id = "
                                + "cast(:ticket as uuid) order by o.seq")
                .bind("ticket", ticketId)
                .mapTo(String.class)
                .list());
        eventually().untilAsserted(() -> assertThat(outbox.get())
                .containsExactly(
                        "open_thread:dead:Slack answered not_in_channel",
                        "message:dead:The thread's first message was never posted",
                        "message:dead:The thread's first message was never posted"));
        assertThat(SLACK.messages(channel)).hasSize(1);
    }
}
