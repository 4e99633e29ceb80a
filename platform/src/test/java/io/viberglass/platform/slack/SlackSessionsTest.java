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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A live agent session run from a ticket thread: started by mention, told in the thread, answered by replies. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SlackSessionsTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(SlackSessionsTest.class);

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

    /** After the Slack-launched plan run, alice starts a live session in the ticket's thread; returns the session. */
    private JsonNode sessionStartedByAlice(String ticketId) {
        SlackScenario.eventually().untilAsserted(() -> assertThat(scenario.threadTexts())
                .anySatisfy(text -> assertThat(text).contains("Plan run queued")));
        // a session works on the ticket when no one-shot run of its phase is in flight
        scenario.finishAsWorker(scenario.job(ticketId, "planning"), SlackScenario.document("# Plan\n\n1. Draft\n"));
        slack.event(SlackPayloads.mention(channel, "U0ALICE", "<@U0BOT> session Why is the greeting rude?"))
                .expect(200);
        SlackScenario.eventually().untilAsserted(() -> assertThat(scenario.threadTexts())
                .anySatisfy(text -> assertThat(text).startsWith("_Live planning session started")));
        JsonNode sessions =
                api.get("/api/agent-sessions?ticketId=" + ticketId).expect(200).json();
        JsonNode list = sessions.has("data") ? sessions.get("data") : sessions;
        assertThat(list).hasSize(1);
        return api.get("/api/agent-sessions/" + list.get(0).get("id").asText())
                .expect(200)
                .json()
                .get("session");
    }

    private Api asWorkerOf(String jobId) {
        Api worker =
                api.withHeader("X-Callback-Token", WORKER.awaitInvocation(jobId).token());
        worker.get("/api/jobs/" + jobId + "/bootstrap").expect(200);
        return worker;
    }

    private long countOf(String fragment) {
        return scenario.threadTexts().stream()
                .filter(text -> text != null && text.contains(fragment))
                .count();
    }

    @Test
    void theThreadFollowsTheSessionAndItsPeopleAnswerTheAgentFromSlack() {
        String ticketId =
                scenario.launch("planning", "The greeting is rude").get("id").asText();
        JsonNode session = sessionStartedByAlice(ticketId);
        String sessionId = session.get("id").asText();
        assertThat(session.get("createdByName").asText()).isEqualTo("alice@example.com");
        String jobId = session.get("lastJobId").asText();
        Api worker = asWorkerOf(jobId);

        worker.post(
                        "/api/jobs/" + jobId + "/session-events/batch",
                        Map.of(
                                "events",
                                List.of(
                                        Map.of("type", "assistant_message", "payload", Map.of("text", "The greeting ")),
                                        Map.of(
                                                "type",
                                                "assistant_message",
                                                "payload",
                                                Map.of("text", "says <go away> to everyone.")))))
                .expect(200);
        String requestId = worker.post(
                        "/api/jobs/" + jobId + "/permission-requests",
                        Map.of(
                                "toolCallId",
                                "call-1",
                                "title",
                                "Edit greeting.txt",
                                "options",
                                List.of(
                                        Map.of("optionId", "allow", "name", "Allow once", "kind", "allow_once"),
                                        Map.of("optionId", "reject", "name", "Reject", "kind", "reject_once"))))
                .expect(201)
                .json()
                .get("requestId")
                .asText();

        SlackScenario.eventually()
                .untilAsserted(() -> assertThat(SLACK.messages(channel)).anySatisfy(m -> assertThat(m.get("blocks"))
                        .contains("session_allow", "session_deny", sessionId + ":" + requestId)));
        assertThat(scenario.threadTexts())
                .as("the streamed answer, told once and whole, escaped for Slack")
                .containsOnlyOnce("The greeting says &lt;go away&gt; to everyone.");

        slack.interaction(SlackPayloads.buttonClick(channel, "U0VICTOR", "session_allow", sessionId + ":" + requestId))
                .expect(200);
        SlackScenario.eventually().untilAsserted(() -> assertThat(SLACK.calls("chat.postEphemeral"))
                .anySatisfy(call -> {
                    assertThat(call.get("user")).isEqualTo("U0VICTOR");
                    assertThat(call.get("text")).contains("Could not do that");
                }));
        slack.interaction(SlackPayloads.buttonClick(channel, "U0ALICE", "session_allow", sessionId + ":" + requestId))
                .expect(200);

        SlackScenario.eventually()
                .until(
                        () -> worker.get("/api/jobs/" + jobId + "/permission-requests/" + requestId + "?waitSeconds=0")
                                .json(),
                        decision -> decision.get("status").asText().equals("resolved"));
        JsonNode decision = worker.get("/api/jobs/" + jobId + "/permission-requests/" + requestId + "?waitSeconds=0")
                .json();
        assertThat(decision.get("optionId").asText()).isEqualTo("allow");
        assertThat(decision.get("decidedBy").asText()).isEqualTo("alice@example.com");
        SlackScenario.eventually().untilAsserted(() -> assertThat(scenario.threadTexts())
                .anySatisfy(text -> assertThat(text).isEqualTo("_Allowed by alice@example.com._")));

        slack.event(SlackPayloads.threadReply(channel, "U0ALICE", "Also keep it under ten words"))
                .expect(200);
        SlackScenario.eventually().untilAsserted(() -> assertThat(
                        api.get("/api/agent-sessions/" + sessionId).json().get("turns"))
                .anySatisfy(turn ->
                        assertThat(turn.path("contentMarkdown").asText()).isEqualTo("Also keep it under ten words")));

        worker.post("/api/jobs/" + jobId + "/result", SlackScenario.document("# Plan\n\n1. Say hello kindly\n"))
                .expect(200);

        SlackScenario.eventually().untilAsserted(() -> assertThat(scenario.threadTexts())
                .anySatisfy(text -> assertThat(text).contains("`PLAN.md`", "planning document")));
        JsonNode after = api.get("/api/agent-sessions/" + sessionId).json();
        assertThat(after.at("/session/lastJobId").asText())
                .as("the reply sent while the turn ran goes with the next turn")
                .isNotEqualTo(jobId);
        assertThat(api.get("/api/tickets/" + ticketId + "/phases/planning")
                        .json()
                        .at("/document/content")
                        .asText())
                .startsWith("# Plan");
        assertThat(countOf("_Allowed by alice@example.com._")).isEqualTo(1);
        assertThat(countOf("The greeting says")).isEqualTo(1);
    }

    @Test
    void repliesInAThreadWithoutALiveSessionAreLeftToThePeople() {
        String ticketId =
                scenario.launch("planning", "Rename the button").get("id").asText();
        SlackScenario.eventually().untilAsserted(() -> assertThat(scenario.threadTexts())
                .anySatisfy(text -> assertThat(text).contains("Plan run queued")));
        int before = SLACK.messages(channel).size();

        slack.event(SlackPayloads.threadReply(channel, "U0ALICE", "I think blue is nicer"))
                .expect(200);
        slack.event(SlackPayloads.mention(channel, "U0ALICE", "<@U0BOT>")).expect(200);

        SlackScenario.eventually().untilAsserted(() -> assertThat(SLACK.calls("chat.postEphemeral"))
                .anySatisfy(call -> assertThat(call.get("text")).contains("`session …`")));
        assertThat(api.get("/api/agent-sessions?ticketId=" + ticketId).json().toString())
                .doesNotContain(ticketId + "\",\"clankerId");
        assertThat(SLACK.messages(channel)).hasSize(before);
    }
}
