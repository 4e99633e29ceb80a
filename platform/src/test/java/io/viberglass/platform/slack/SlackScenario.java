package io.viberglass.platform.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.RecordingWorker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * The scenery of a Slack test: the platform pointed at the fake Slack, the app's secrets, alice (approver) and victor
 * (viewer) with accounts; per test a project, an active clanker and a fresh channel; and the steps a test repeats
 * (launch through the modal, find a run, finish it as the worker, read the thread).
 */
final class SlackScenario {
    static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    final Api api;
    final SignedSlack slack;
    private final FakeSlack fake;
    private final RecordingWorker worker;
    String projectId;
    String clankerId;
    String channel;

    SlackScenario(DropwizardAppExtension<?> app, FakeSlack fake, RecordingWorker worker) {
        this.api = Api.of(app);
        this.slack = new SignedSlack(api, SIGNING_SECRET);
        this.fake = fake;
        this.worker = worker;
    }

    static ConfigOverride[] overrides(FakeSlack fake, RecordingWorker worker) {
        return Stream.concat(
                        Stream.of(worker.overrides()),
                        Stream.of(
                                ConfigOverride.config("slack.apiUrl", fake.apiUrl()),
                                ConfigOverride.config("slack.deliveryInterval", "100ms"),
                                ConfigOverride.config("publicUrl", "https://viberglass.example.com")))
                .toArray(ConfigOverride[]::new);
    }

    /** Once per class: the app's secrets and the people's accounts. */
    static void secretsAndAccounts(Api admin) {
        admin.post(
                        "/api/secrets",
                        Map.of("name", "SLACK_SIGNING_SECRET", "storage", "database", "value", SIGNING_SECRET))
                .expect(201);
        admin.post(
                        "/api/secrets",
                        Map.of("name", "SLACK_BOT_TOKEN", "storage", "database", "value", FakeSlack.BOT_TOKEN))
                .expect(201);
        for (String email : List.of("alice@example.com", "victor@example.com")) {
            admin.post("/api/users", Map.of("email", email, "name", email, "password", "a long enough password 1"))
                    .expect(201);
        }
    }

    /** Per test: a project with alice as approver and victor as viewer, a clanker, a channel of its own. */
    void scenery() {
        fake.stubDefaults();
        Fixtures fixtures = new Fixtures(api);
        projectId = fixtures.project("https://github.com/acme/shop.git");
        clankerId = fixtures.activeClanker(Map.of());
        channel = "C" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        api.post("/api/projects/" + projectId + "/members", Map.of("email", "alice@example.com", "role", "approver"))
                .expect(201);
        api.post("/api/projects/" + projectId + "/members", Map.of("email", "victor@example.com", "role", "viewer"))
                .expect(201);
    }

    static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100));
    }

    /** Slash command, then the modal submitted in {@code mode}; returns the ticket the submission created. */
    JsonNode launch(String mode, String message) {
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

    /** The first run of {@code kind} of the ticket, once there is one. */
    String job(String ticketId, String kind) {
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
    void finishAsWorker(String jobId, Map<String, Object> result) {
        RecordingWorker.Invocation invocation = worker.awaitInvocation(jobId);
        Api as = api.withHeader("X-Callback-Token", invocation.token());
        as.get("/api/jobs/" + jobId + "/bootstrap").expect(200);
        as.post("/api/jobs/" + jobId + "/result", result).expect(200);
    }

    static Map<String, Object> document(String content) {
        return Map.of("success", true, "outcome", "succeeded", "documentContent", content, "executionTimeMs", 5);
    }

    /** The texts posted as replies in the channel's thread, oldest first. */
    List<String> threadTexts() {
        return fake.messages(channel).stream()
                .filter(m -> FakeSlack.THREAD_TS.equals(m.get("thread_ts")))
                .map(m -> m.get("text"))
                .toList();
    }
}
