package io.viberglass.platform.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.common.json.Json;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Accounts;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.RecordingWorker;
import io.viberglass.platform.testing.SseClient;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The session and job-log event streams, read by a plain HTTP client as a browser's EventSource would. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SessionStreamsApiTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(SessionStreamsApiTest.class);

    static final RecordingWorker WORKER = new RecordingWorker();
    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB, overrides());

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(WORKER.overrides()));
        all.add(ConfigOverride.config("sessions.heartbeatInterval", "200ms"));
        return all.toArray(ConfigOverride[]::new);
    }

    private static final ObjectMapper MAPPER = Json.newMapper();

    private final Api admin = Api.of(APP);
    private final Accounts accounts = new Accounts(admin);
    private final Fixtures fixtures = new Fixtures(admin);
    private String projectId;
    private String clankerId;
    private String ticketId;

    @BeforeEach
    void scenery() {
        projectId = fixtures.project("https://github.com/acme/shop.git");
        clankerId = fixtures.activeClanker(Map.of());
        ticketId = fixtures.executableTicket(projectId, "Greeting is rude");
    }

    private record Started(String sessionId, SessionWorker worker) {}

    private Started start(String mode) {
        JsonNode launched = admin.post(
                        "/api/tickets/" + ticketId + "/agent-sessions",
                        Map.of("mode", mode, "clankerId", clankerId, "message", "Go"))
                .expect(201)
                .json();
        return new Started(
                launched.get("session").get("id").asText(),
                SessionWorker.pickUp(
                        admin, WORKER, launched.get("session").get("lastJobId").asText()));
    }

    private static JsonNode data(SseClient.Event event) {
        try {
            return MAPPER.readTree(event.data());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Long> ids(List<SseClient.Event> events) {
        return events.stream().map(e -> Long.parseLong(e.id())).toList();
    }

    private static void say(SessionWorker worker, int from, int to) {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            batch.add(Map.of("type", "assistant_message", "payload", Map.of("text", "chunk " + i)));
        }
        worker.events(batch).expect(200);
    }

    @Nested
    class SessionStream {
        @Test
        void aClientThatReconnectsWithLastEventIdMissesNothing_andTheStreamEndsAfterTheSessionEnds() {
            Started run = start("research");
            String path = "/api/agent-sessions/" + run.sessionId() + "/events/stream";
            SseClient first = SseClient.open(admin, path);
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("Content-Type")).startsWith("text/event-stream");
            assertThat(first.header("Cache-Control")).isEqualTo("no-cache");
            first.await(e -> "3".equals(e.id()));
            assertThat(ids(first.storedEvents())).containsExactly(1L, 2L, 3L);
            assertThat(first.storedEvents())
                    .extracting(e -> data(e).get("type").asText())
                    .containsExactly("session_started", "user_message", "turn_started");

            say(run.worker(), 1, 3); // sequences 4..6, live
            first.await(e -> "6".equals(e.id()));
            first.close();
            say(run.worker(), 4, 6); // 7..9 while nobody listens

            SseClient second = SseClient.open(admin, path, "Last-Event-ID", "6");
            second.await(e -> "9".equals(e.id()));
            say(run.worker(), 7, 8); // 10..11
            run.worker().finish("# Research\n").expect(200);

            second.awaitEnded();
            List<SseClient.Event> resumed = second.storedEvents();
            assertThat(ids(resumed))
                    .isEqualTo(LongStream.rangeClosed(7, ids(resumed).get(resumed.size() - 1))
                            .boxed()
                            .toList());
            assertThat(resumed)
                    .extracting(e -> data(e).get("type").asText())
                    .containsSubsequence(
                            "assistant_message", "artifact_updated", "turn_completed", "session_completed");
            assertThat(second.events().get(second.events().size() - 1).event()).isEqualTo("end");
            List<String> texts = new ArrayList<>();
            first.storedEvents().stream()
                    .map(SessionStreamsApiTest::data)
                    .filter(d -> d.get("type").asText().equals("assistant_message"))
                    .forEach(d -> texts.add(d.get("payload").get("text").asText()));
            resumed.stream()
                    .map(SessionStreamsApiTest::data)
                    .filter(d -> d.get("type").asText().equals("assistant_message"))
                    .forEach(d -> texts.add(d.get("payload").get("text").asText()));
            assertThat(texts)
                    .containsExactly(
                            "chunk 1", "chunk 2", "chunk 3", "chunk 4", "chunk 5", "chunk 6", "chunk 7", "chunk 8");
        }

        @Test
        void resumingWithTheAfterParameterWorksLikeLastEventId_andAnEndedSessionStreamsItsHistoryThenEnds() {
            Started run = start("research");
            admin.post("/api/agent-sessions/" + run.sessionId() + "/cancel", Map.of())
                    .expect(200);

            SseClient client =
                    SseClient.open(admin, "/api/agent-sessions/" + run.sessionId() + "/events/stream?after=2");
            client.awaitEnded();

            assertThat(client.storedEvents())
                    .extracting(e -> data(e).get("type").asText())
                    .containsExactly("turn_started", "session_cancelled");
        }

        @Test
        void idleStreamsGetHeartbeats() {
            Started run = start("planning");
            try (SseClient client =
                    SseClient.open(admin, "/api/agent-sessions/" + run.sessionId() + "/events/stream")) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> client.comments()
                        .contains("heartbeat"));
            }
        }

        @Test
        void presenceCountsPeopleNotConnections() {
            Started run = start("planning");
            Accounts.Login carol = accounts.member();
            accounts.grant(projectId, carol, "viewer");
            String path = "/api/agent-sessions/" + run.sessionId() + "/events/stream";

            SseClient adminTab = SseClient.open(admin, path);
            SseClient carolTab1 = SseClient.open(admin.as(carol.token()), path);
            SseClient carolTab2 = SseClient.open(admin.as(carol.token()), path);
            adminTab.await(e -> e.data().contains("\"user_joined\"") && e.data().contains(carol.userId()));
            Awaitility.await().untilAsserted(() -> assertThat(
                            admin.get("/api/agent-sessions/" + run.sessionId() + "/participants")
                                    .json()
                                    .toString())
                    .contains("\"online\":true"));
            carolTab1.close();
            carolTab2.close();

            adminTab.await(e -> e.data().contains("\"user_left\"") && e.data().contains(carol.userId()));
            assertThat(adminTab.events().stream()
                            .filter(e -> e.data().contains("\"user_joined\"")
                                    && e.data().contains(carol.userId()))
                            .count())
                    .isEqualTo(1);
            assertThat(adminTab.events().stream().filter(e -> e.data().contains("\"user_joined\"")))
                    .allMatch(e -> e.id() == null);
            adminTab.close();
        }

        @Test
        void outsidersCannotFollowASession() {
            Started run = start("research");
            Accounts.Login stranger = accounts.member();

            admin.as(stranger.token())
                    .get("/api/agent-sessions/" + run.sessionId() + "/events/stream")
                    .expect(404);
        }
    }

    @Nested
    class JobLogStream {
        @Test
        void followsARunsLogLiveAndEndsWithTheRun_resumingAfterAnId() {
            String runTicket = fixtures.executableTicket(projectId, "Log me");
            String jobId = fixtures.run(runTicket, clankerId).get("id").asText();
            RecordingWorker.Invocation invocation = WORKER.awaitInvocation(jobId);
            Api worker = admin.withHeader("X-Callback-Token", invocation.token());
            worker.get("/api/jobs/" + jobId + "/bootstrap").expect(200);
            String path = "/api/jobs/" + jobId + "/logs/stream";

            SseClient client = SseClient.open(admin, path + "?afterId=0");
            worker.post("/api/jobs/" + jobId + "/logs/batch", logs("cloning", "running the agent"))
                    .expect(200);
            SseClient.Event second = client.await(e -> e.data().contains("running the agent"));
            assertThat(second.event()).isEqualTo("log");
            worker.post("/api/jobs/" + jobId + "/logs/batch", logs("pushing")).expect(200);
            worker.post(
                            "/api/jobs/" + jobId + "/result",
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

            client.awaitEnded();
            assertThat(client.events()).extracting(SseClient.Event::event).containsExactly("log", "log", "log", "end");
            assertThat(data(client.events().get(3)).get("status").asText()).isEqualTo("failed");
            SseClient resumed = SseClient.open(admin, path, "Last-Event-ID", second.id());
            resumed.awaitEnded();
            assertThat(resumed.events())
                    .extracting(e -> e.event() + ":"
                            + (e.id() == null ? "" : data(e).get("message").asText()))
                    .containsExactly("log:pushing", "end:");
        }
    }

    private static Map<String, Object> logs(String... messages) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String message : messages) {
            lines.add(Map.of("level", "info", "message", message, "source", "worker"));
        }
        return Map.of("logs", lines);
    }
}
