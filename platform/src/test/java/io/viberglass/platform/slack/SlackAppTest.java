package io.viberglass.platform.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.RecordingWorker;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(DropwizardExtensionsSupport.class)
class SlackAppTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(SlackAppTest.class);

    static final FakeSlack SLACK = new FakeSlack();
    static final RecordingWorker WORKER = new RecordingWorker();
    static final DropwizardAppExtension<PlatformConfiguration> APP =
            TestApp.on(DB, SlackScenario.overrides(SLACK, WORKER));

    private final SlackScenario scenario = new SlackScenario(APP, SLACK, WORKER);
    private final Api api = scenario.api;
    private final SignedSlack slack = scenario.slack;
    private String projectId;
    private String clankerId;
    private String channel;

    @BeforeAll
    static void secretsAndAccounts() {
        SlackScenario.secretsAndAccounts(Api.of(APP));
    }

    @AfterAll
    static void stopSlack() {
        SLACK.stop();
    }

    @BeforeEach
    void scenery() {
        scenario.scenery();
        projectId = scenario.projectId;
        clankerId = scenario.clankerId;
        channel = scenario.channel;
    }

    @Test
    void slashCommandModalApprovalRunsTheTicketThroughToExecutionInOneThread() {
        JsonNode ticket = scenario.launch("planning", "The greeting is rude.\nMake it kind.");
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

        String planning = scenario.job(ticketId, "planning");
        SlackScenario.eventually()
                .untilAsserted(() -> assertThat(SLACK.messages(channel)).isNotEmpty());
        Map<String, String> opening = SLACK.messages(channel).get(0);
        assertThat(opening).doesNotContainKey("thread_ts");
        assertThat(opening.get("text"))
                .startsWith("*Job started:* <https://viberglass.example.com/projects/")
                .contains("/tickets/" + ticketId + "|The greeting is rude.>");
        SlackScenario.eventually().untilAsserted(() -> assertThat(scenario.threadTexts())
                .anySatisfy(text -> assertThat(text).contains("*Mode:* planning", "Make it kind."))
                .anySatisfy(text -> assertThat(text).contains("Plan run queued (job " + planning)));

        scenario.finishAsWorker(planning, SlackScenario.document("# Plan\n\n1. Find the greeting\n2. Make it kind\n"));

        SlackScenario.eventually().untilAsserted(() -> assertThat(SLACK.calls("files.completeUploadExternal"))
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
        SlackScenario.eventually()
                .untilAsserted(() -> assertThat(SLACK.messages(channel)).anySatisfy(m -> assertThat(m.get("blocks"))
                        .contains("ticket_approve_phase", "ticket_reject_phase", ticketId + ":planning")));
        assertThat(scenario.threadTexts()).anySatisfy(text -> assertThat(text).contains("started the planning run"));

        slack.interaction(SlackPayloads.buttonClick(channel, "U0ALICE", "ticket_approve_phase", ticketId + ":planning"))
                .expect(200);

        String execution = scenario.job(ticketId, "execution");
        JsonNode plan = api.get("/api/tickets/" + ticketId + "/phases/planning").json();
        assertThat(plan.at("/document/approvalState").asText()).isEqualTo("approved");
        assertThat(plan.at("/document/approvedBy").asText()).isEqualTo("alice@example.com");
        assertThat(api.get("/api/tickets/" + ticketId)
                        .json()
                        .get("workflowPhase")
                        .asText())
                .isEqualTo("execution");
        SlackScenario.eventually().untilAsserted(() -> assertThat(scenario.threadTexts())
                .anySatisfy(text -> assertThat(text).contains("*Plan approved* by alice@example.com"))
                .anySatisfy(text -> assertThat(text).contains("Execution run queued (job " + execution)));

        scenario.finishAsWorker(
                execution,
                Map.of(
                        "success", true,
                        "outcome", "succeeded",
                        "branch", "viberator/greeting",
                        "pullRequestUrl", "https://github.com/acme/shop/pull/7",
                        "executionTimeMs", 5));

        SlackScenario.eventually()
                .untilAsserted(() -> assertThat(scenario.threadTexts()).anySatisfy(text -> assertThat(text)
                        .contains("<https://github.com/acme/shop/pull/7>", "*Job completed.*")));
    }

    @Test
    void rejectSendsThePlanBackThroughTheApprovalServiceAndRunsNothing() {
        String ticketId =
                scenario.launch("planning", "Rename the button").get("id").asText();
        scenario.finishAsWorker(scenario.job(ticketId, "planning"), SlackScenario.document("# Plan\nRename it.\n"));

        slack.interaction(SlackPayloads.buttonClick(channel, "U0ALICE", "ticket_reject_phase", ticketId + ":planning"))
                .expect(200);

        SlackScenario.eventually().untilAsserted(() -> assertThat(scenario.threadTexts())
                .anySatisfy(text -> assertThat(text).startsWith("Rejected by <@U0ALICE>")));
        assertThat(api.get("/api/tickets/" + ticketId + "/phases/planning")
                        .json()
                        .at("/document/approvalState")
                        .asText())
                .isEqualTo("rejected");
        assertThat(api.get("/api/tickets/" + ticketId + "/phases/planning/approvals")
                        .json())
                .anySatisfy(event -> {
                    assertThat(event.get("action").asText()).isEqualTo("rejected");
                    assertThat(event.get("actor").asText()).isEqualTo("alice@example.com");
                    assertThat(event.get("comment").asText()).isEqualTo("Rejected in Slack");
                });
        assertThat(api.get("/api/jobs?ticketId=" + ticketId + "&kind=execution")
                        .json()
                        .get("data"))
                .isEmpty();
    }

    @Test
    void aSlackUserWithoutAnAccountIsRefusedPrivatelyAndNothingIsApproved() {
        String ticketId =
                scenario.launch("planning", "Rename the button").get("id").asText();
        scenario.finishAsWorker(scenario.job(ticketId, "planning"), SlackScenario.document("# Plan\nRename it.\n"));

        slack.interaction(
                        SlackPayloads.buttonClick(channel, "U0NOMAIL", "ticket_approve_phase", ticketId + ":planning"))
                .expect(200);

        SlackScenario.eventually().untilAsserted(() -> assertThat(SLACK.calls("chat.postEphemeral"))
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
        String ticketId =
                scenario.launch("planning", "Rename the button").get("id").asText();
        scenario.finishAsWorker(scenario.job(ticketId, "planning"), SlackScenario.document("# Plan\nRename it.\n"));

        slack.interaction(
                        SlackPayloads.buttonClick(channel, "U0VICTOR", "ticket_approve_phase", ticketId + ":planning"))
                .expect(200);

        SlackScenario.eventually().untilAsserted(() -> assertThat(SLACK.calls("chat.postEphemeral"))
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
        String ticketId =
                scenario.launch("planning", "Rename the button").get("id").asText();
        scenario.finishAsWorker(scenario.job(ticketId, "planning"), SlackScenario.document("# Plan\nRename it.\n"));

        slack.interaction(SlackPayloads.buttonClick(channel, "U0ALICE", "ticket_approve_phase", ticketId + ":planning"))
                .expect(200);

        scenario.job(ticketId, "execution");
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
        String ticketId =
                scenario.launch("research", "Why is checkout slow?").get("id").asText();

        scenario.finishAsWorker(
                scenario.job(ticketId, "research"),
                Map.of(
                        "success",
                        false,
                        "outcome",
                        "agent_failed",
                        "errorMessage",
                        "agent exited with 3",
                        "executionTimeMs",
                        5));

        SlackScenario.eventually().untilAsserted(() -> assertThat(scenario.threadTexts())
                .anySatisfy(text -> assertThat(text).startsWith("*Job failed.*").contains("agent exited with 3")));
    }

    @Test
    void aRateLimitedPostWaitsForRetryAfterAndIsThenDelivered() {
        SLACK.rateLimitNextPost(2);

        scenario.launch("research", "Why is checkout slow?");

        SlackScenario.eventually()
                .untilAsserted(() -> assertThat(scenario.threadTexts()).isNotEmpty());
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

        String ticketId =
                scenario.launch("research", "Why is checkout slow?").get("id").asText();

        var jdbi = org.jdbi.v3.core.Jdbi.create(DB.dataSource());
        java.util.function.Supplier<List<String>> outbox = () -> jdbi.withHandle(handle -> handle.createQuery(
                        "select o.kind || ':' || o.status || ':' || coalesce(o.last_error, '') from slack_outbox o "
                                + "join chat_ticket_threads t on t.id = o.thread_id where t.ticket_id = "
                                + "cast(:ticket as uuid) order by o.seq")
                .bind("ticket", ticketId)
                .mapTo(String.class)
                .list());
        SlackScenario.eventually().untilAsserted(() -> assertThat(outbox.get())
                .containsExactly(
                        "open_thread:dead:Slack answered not_in_channel",
                        "message:dead:The thread's first message was never posted",
                        "message:dead:The thread's first message was never posted"));
        assertThat(SLACK.messages(channel)).hasSize(1);
    }
}
