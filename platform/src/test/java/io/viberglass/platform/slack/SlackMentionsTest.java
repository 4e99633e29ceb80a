package io.viberglass.platform.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.RecordingWorker;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** @viberator mentions in a ticket's thread, and launches straight into planning or execution. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SlackMentionsTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(SlackMentionsTest.class);

    static final FakeSlack SLACK = new FakeSlack();
    static final RecordingWorker WORKER = new RecordingWorker();
    static final DropwizardAppExtension<PlatformConfiguration> APP =
            TestApp.on(DB, SlackScenario.overrides(SLACK, WORKER));

    private final SlackScenario scenario = new SlackScenario(APP, SLACK, WORKER);
    private final Api api = scenario.api;
    private final SignedSlack slack = scenario.slack;
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
        channel = scenario.channel;
    }

    @Test
    void aMentionWithFeedbackQueuesARevisionOfTheThreadsDocument() {
        String ticketId =
                scenario.launch("research", "Why is checkout slow?").get("id").asText();
        scenario.finishAsWorker(
                scenario.job(ticketId, "research"), SlackScenario.document("# Research\nIt is the database.\n"));
        SlackScenario.eventually().untilAsserted(() -> assertThat(SLACK.calls("files.completeUploadExternal"))
                .isNotEmpty());

        slack.event(SlackPayloads.mention(channel, "U0ALICE", "<@U0BOT> revise also look at the cache"))
                .expect(200);

        SlackScenario.eventually()
                .untilAsserted(() -> assertThat(api.get("/api/tickets/" + ticketId + "/phases/research/runs")
                                .json())
                        .anySatisfy(run ->
                                assertThat(run.path("revisionMessage").asText()).isEqualTo("also look at the cache")));
        SlackScenario.eventually().untilAsserted(() -> assertThat(scenario.threadTexts())
                .anySatisfy(text -> assertThat(text).contains("Revision job queued")));
    }

    @Test
    void advanceByMentionApprovesTheResearchAndRunsPlanning() {
        String ticketId =
                scenario.launch("research", "Why is checkout slow?").get("id").asText();
        scenario.finishAsWorker(
                scenario.job(ticketId, "research"), SlackScenario.document("# Research\nIt is the database.\n"));

        slack.event(SlackPayloads.mention(channel, "U0ALICE", "<@U0BOT> advance"))
                .expect(200);

        scenario.job(ticketId, "planning");
        assertThat(api.get("/api/tickets/" + ticketId + "/phases/research")
                        .json()
                        .at("/document/approvalState")
                        .asText())
                .isEqualTo("approved");
    }

    @Test
    void chainRunsPlanningAndThenExecutionUnderTheAccountThatAskedForIt() {
        String ticketId =
                scenario.launch("research", "Why is checkout slow?").get("id").asText();
        scenario.finishAsWorker(scenario.job(ticketId, "research"), SlackScenario.document("# Research\nThe DB.\n"));

        slack.event(SlackPayloads.mention(channel, "U0ALICE", "<@U0BOT> chain")).expect(200);

        scenario.finishAsWorker(scenario.job(ticketId, "planning"), SlackScenario.document("# Plan\n1. Index it\n"));
        scenario.job(ticketId, "execution");
        var plan = api.get("/api/tickets/" + ticketId + "/phases/planning").json();
        assertThat(plan.at("/document/approvalState").asText()).isEqualTo("approved");
        assertThat(plan.at("/document/approvedBy").asText()).isEqualTo("alice@example.com");
        SlackScenario.eventually().untilAsserted(() -> assertThat(scenario.threadTexts())
                .anySatisfy(text -> assertThat(text).contains("Chaining: planning run queued"))
                .anySatisfy(text -> assertThat(text).contains("Chained: execution run queued")));
    }

    @Test
    void aViewerCannotAdvanceByMention() {
        String ticketId =
                scenario.launch("research", "Why is checkout slow?").get("id").asText();
        scenario.finishAsWorker(scenario.job(ticketId, "research"), SlackScenario.document("# Research\nThe DB.\n"));

        slack.event(SlackPayloads.mention(channel, "U0VICTOR", "<@U0BOT> advance"))
                .expect(200);

        SlackScenario.eventually().untilAsserted(() -> assertThat(scenario.threadTexts())
                .anySatisfy(text -> assertThat(text).contains("Could not do that", "approver role")));
        assertThat(api.get("/api/jobs?ticketId=" + ticketId + "&kind=planning")
                        .json()
                        .get("data"))
                .isEmpty();
    }

    @Test
    void aLaunchInExecutionModeSkipsToExecutionWithAnAuditedReason() {
        var ticket = scenario.launch("execution", "Fix the typo in the footer");

        assertThat(ticket.get("workflowPhase").asText()).isEqualTo("execution");
        assertThat(ticket.get("workflowOverrideReason").asText())
                .isEqualTo("Started in execution from Slack by alice@example.com");
        scenario.job(ticket.get("id").asText(), "execution");
    }

    @Test
    void inAnExecutionThreadTheBotSaysExecutionCannotBeRevised() {
        scenario.launch("execution", "Fix the typo in the footer");
        // A person can only mention in a thread once Slack has shown its first message.
        SlackScenario.eventually().untilAsserted(() -> assertThat(scenario.threadTexts())
                .anySatisfy(text -> assertThat(text).contains("Execution run queued")));

        slack.event(SlackPayloads.mention(channel, "U0ALICE", "<@U0BOT> make it blue"))
                .expect(200);

        SlackScenario.eventually().untilAsserted(() -> assertThat(scenario.threadTexts())
                .anySatisfy(text -> assertThat(text).startsWith("Execution jobs cannot be revised")));
    }
}
