package io.viberglass.platform.claws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.common.json.Json;
import io.viberglass.common.security.Hmac;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.clankers.ClankerFileService;
import io.viberglass.platform.clankers.ClankerService;
import io.viberglass.platform.infra.db.Database;
import io.viberglass.platform.infra.json.JsonText;
import io.viberglass.platform.jobs.JobLifecycle;
import io.viberglass.platform.jobs.JobQueue;
import io.viberglass.platform.jobs.PayloadFactory;
import io.viberglass.platform.jobs.RunTargets;
import io.viberglass.platform.projects.ProjectListener;
import io.viberglass.platform.projects.ProjectService;
import io.viberglass.platform.prompts.PromptRenderer;
import io.viberglass.platform.prompts.PromptTemplateService;
import io.viberglass.platform.secrets.Secrets;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.RecordingWorker;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(DropwizardExtensionsSupport.class)
class ClawsApiTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(ClawsApiTest.class);

    static final RecordingWorker WORKER = new RecordingWorker();
    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB, WORKER.overrides());
    static final WireMockServer RECEIVER = receiver();
    static final String SECRET = "claw-webhook-secret-" + UUID.randomUUID();

    private final Api api = Api.of(APP);
    private final Fixtures fixtures = new Fixtures(api);
    private final Jdbi jdbi = Database.configure(Jdbi.create(DB.dataSource()), Json.newMapper());
    private String projectId;
    private String clankerId;

    private static WireMockServer receiver() {
        WireMockServer server =
                new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.stop();
    }

    @BeforeEach
    void scenery() {
        projectId = fixtures.project("https://github.com/acme/shop.git");
        clankerId = fixtures.activeClanker(Map.of());
    }

    private String template() {
        return api.post(
                        "/api/claw/task-templates",
                        Map.of(
                                "projectId",
                                projectId,
                                "name",
                                "Deps " + UUID.randomUUID(),
                                "clankerId",
                                clankerId,
                                "taskInstructions",
                                "Update outdated dependencies."))
                .expect(201)
                .json()
                .get("id")
                .asText();
    }

    private JsonNode schedule(Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "projectId",
                projectId,
                "taskTemplateId",
                template(),
                "name",
                "Nightly " + UUID.randomUUID(),
                "scheduleType",
                "interval",
                "intervalExpression",
                "1h"));
        body.putAll(extra);
        return api.post("/api/claw/schedules", body).expect(201).json();
    }

    @Test
    void aScheduleShowsItsNextRunsAndPausesAndResumesOnce() {
        JsonNode schedule =
                schedule(Map.of("scheduleType", "cron", "cronExpression", "0 30 2 * * *", "timezone", "Europe/Paris"));
        String path = "/api/claw/schedules/" + schedule.get("id").asText();

        assertThat(schedule.get("isActive").asBoolean()).isTrue();
        assertThat(schedule.get("upcoming")).hasSize(5);
        assertThat(schedule.get("nextRunAt").asText()).isNotBlank();
        assertThat(api.post(path + "/resume", Map.of())
                        .expect(409)
                        .json()
                        .get("code")
                        .asText())
                .isEqualTo("SCHEDULE_ALREADY_ACTIVE");
        JsonNode paused = api.post(path + "/pause", Map.of()).expect(200).json();
        assertThat(paused.get("isActive").asBoolean()).as(paused.toString()).isFalse();
        assertThat(paused.has("nextRunAt")).as(paused.toString()).isFalse();
        api.post(path + "/pause", Map.of()).expect(409);
        assertThat(api.post(path + "/resume", Map.of())
                        .expect(200)
                        .json()
                        .get("isActive")
                        .asBoolean())
                .isTrue();
        JsonNode preview = api.get("/api/claw/schedules/preview?scheduleType=cron&cronExpression="
                        + "0%200%209%20*%20*%20MON&timezone=UTC&count=3")
                .expect(200)
                .json();
        assertThat(preview.get("nextRuns")).hasSize(3);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"scheduleType\":\"cron\",\"cronExpression\":\"0 9 * * *\"}|cronExpression",
                "{\"scheduleType\":\"cron\",\"cronExpression\":\"0 0 9 * * *\",\"timezone\":\"Mars/Base\"}|timezone",
                "{\"scheduleType\":\"interval\",\"intervalExpression\":\"500ms\"}|intervalExpression",
                "{\"scheduleType\":\"weekly\"}|scheduleType",
                "{\"webhookConfig\":{\"url\":\"ftp://x\"}}|webhookConfig.url",
                "{\"webhookConfig\":{\"url\":\"https://x.test\",\"events\":[\"exploded\"]}}|webhookConfig.events[0]",
            })
    void invalidSchedulesAre400NamingTheField(String extra, String field) throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "projectId",
                projectId,
                "taskTemplateId",
                template(),
                "name",
                "Bad " + UUID.randomUUID(),
                "scheduleType",
                "interval",
                "intervalExpression",
                "1h"));
        body.putAll(Json.newMapper().readValue(extra, Map.class));

        var reply = api.post("/api/claw/schedules", body).expect(400);

        assertThat(reply.json().get("details"))
                .extracting(d -> d.get("field").asText())
                .contains(field);
    }

    @Test
    void templatesAreValidatedAndSchedulesNeedAnActiveClanker() {
        assertThat(api.post(
                                "/api/claw/task-templates",
                                Map.of(
                                        "projectId",
                                        projectId,
                                        "name",
                                        "x",
                                        "clankerId",
                                        clankerId,
                                        "taskInstructions",
                                        "x",
                                        "instructionFiles",
                                        List.of(Map.of("path", "/etc/passwd", "content", "x"))))
                        .expect(400)
                        .json()
                        .at("/details/0/field")
                        .asText())
                .isEqualTo("instructionFiles[0].path");
        String template = template();
        api.post(
                        "/api/claw/task-templates",
                        Map.of("projectId", projectId, "name", "dup", "clankerId", clankerId, "taskInstructions", "x"))
                .expect(201);
        api.post(
                        "/api/claw/task-templates",
                        Map.of("projectId", projectId, "name", "dup", "clankerId", clankerId, "taskInstructions", "x"))
                .expect(409);

        api.post("/api/clankers/" + clankerId + "/deactivate", Map.of()).expect(200);
        assertThat(api.post(
                                "/api/claw/schedules",
                                Map.of(
                                        "projectId",
                                        projectId,
                                        "taskTemplateId",
                                        template,
                                        "name",
                                        "idle",
                                        "scheduleType",
                                        "interval",
                                        "intervalExpression",
                                        "1h"))
                        .expect(400)
                        .json()
                        .get("code")
                        .asText())
                .isEqualTo("CLANKER_NOT_ACTIVE");
    }

    @Test
    void twoSchedulerInstancesFireEachTwoSecondSlotExactlyOnce() {
        String scheduleId =
                schedule(Map.of("intervalExpression", "2s")).get("id").asText();
        ClawFiring second = secondInstance();
        second.start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> executions(scheduleId).size() >= 10);
        } finally {
            api.post("/api/claw/schedules/" + scheduleId + "/pause", Map.of()).expect(200);
            stopQuietly(second);
        }

        List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery("select e.slot_at, e.job_id, "
                        + "(select count(*) from jobs j where j.id = e.job_id and j.kind = 'claw') as jobs "
                        + "from claw_executions e where e.schedule_id = cast(:id as uuid) order by e.slot_at")
                .bind("id", scheduleId)
                .mapToMap()
                .list());
        assertThat(rows).hasSizeGreaterThanOrEqualTo(10);
        assertThat(rows).extracting(row -> row.get("slot_at")).doesNotHaveDuplicates();
        assertThat(rows).allSatisfy(row -> assertThat(((Number) row.get("jobs")).longValue())
                .isEqualTo(1));
        for (int i = 1; i < rows.size(); i++) {
            var previous = ((java.sql.Timestamp) rows.get(i - 1).get("slot_at")).toInstant();
            var current = ((java.sql.Timestamp) rows.get(i).get("slot_at")).toInstant();
            assertThat(Duration.between(previous, current)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        }
        String firstJob = rows.get(0).get("job_id").toString();
        JsonNode payload = api.withHeader(
                        "X-Callback-Token", WORKER.awaitInvocation(firstJob).token())
                .get("/api/jobs/" + firstJob + "/bootstrap")
                .expect(200)
                .json();
        assertThat(payload.get("kind").asText()).isEqualTo("claw");
        assertThat(payload.get("instructionFiles"))
                .extracting(f -> f.get("path").asText())
                .contains("TASK.md");
        assertThat(payload.get("task").asText()).contains("Update outdated dependencies.");
    }

    @Test
    void finishedRunsCompleteTheirExecutionAndFailuresPauseTheScheduleSigningEveryWebhook() throws Exception {
        RECEIVER.resetAll();
        RECEIVER.stubFor(post(urlEqualTo("/claw"))
                .inScenario("flaky")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("second"));
        RECEIVER.stubFor(post(urlEqualTo("/claw"))
                .inScenario("flaky")
                .whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(502))
                .willSetStateTo("up"));
        RECEIVER.stubFor(post(urlEqualTo("/claw"))
                .inScenario("flaky")
                .whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(204)));
        String scheduleId = schedule(Map.of(
                        "intervalExpression",
                        "2s",
                        "autoPauseAfter",
                        2,
                        "webhookConfig",
                        Map.of("url", RECEIVER.baseUrl() + "/claw", "secret", SECRET)))
                .get("id")
                .asText();
        assertThat(api.get("/api/claw/schedules/" + scheduleId).body())
                .doesNotContain(SECRET)
                .contains("\"hasWebhookSecret\":true");

        finish(
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> executions(scheduleId), e -> !e.isEmpty())
                        .get(0),
                true);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> executions(scheduleId).size() >= 3);
        List<String> jobs = executions(scheduleId);
        finish(jobs.get(1), false);
        finish(jobs.get(2), false);

        JsonNode paused = api.get("/api/claw/schedules/" + scheduleId).json();
        assertThat(paused.get("isActive").asBoolean()).isFalse();
        assertThat(paused.get("pausedReason").asText()).contains("2 failed runs in a row");
        assertThat(paused.get("runCount").asLong()).isEqualTo(1);
        assertThat(paused.get("failureCount").asLong()).isEqualTo(2);
        JsonNode stats = api.get("/api/claw/stats").expect(200).json();
        assertThat(stats.at("/executionsByStatus/completed").asLong()).isPositive();

        await().atMost(Duration.ofSeconds(60)).until(() -> delivered(scheduleId) >= 1);
        List<LoggedRequest> received = RECEIVER.findAll(postRequestedFor(urlEqualTo("/claw")));
        assertThat(received).isNotEmpty().allSatisfy(request -> {
            assertThat(request.getHeader("User-Agent")).isEqualTo("Viberglass-Claw/1.0");
            assertThat(Hmac.verify(
                            Hmac.Algorithm.SHA256, SECRET, request.getBody(), request.getHeader("X-Claw-Signature")))
                    .isTrue();
        });
        assertThat(new String(received.get(0).getBody(), StandardCharsets.UTF_8))
                .contains("\"eventType\":\"started\"")
                .contains(scheduleId);
        Map<String, List<Integer>> statusesByDelivery = new java.util.HashMap<>();
        RECEIVER.getAllServeEvents().forEach(event -> statusesByDelivery
                .computeIfAbsent(event.getRequest().getHeader("X-Claw-Delivery"), id -> new java.util.ArrayList<>())
                .add(event.getResponse().getStatus()));
        assertThat(statusesByDelivery.values())
                .as("a delivery refused with 503/502 was retried until accepted")
                .anySatisfy(statuses -> assertThat(statuses).contains(204).containsAnyOf(503, 502));
        assertThat(statusesByDelivery.values())
                .as("no event is delivered twice")
                .allSatisfy(statuses -> assertThat(
                                statuses.stream().filter(s -> s == 204).count())
                        .isLessThanOrEqualTo(1));
    }

    /** Plays the worker of a claw job: starts it and reports success or failure. */
    private void finish(String jobId, boolean success) {
        Api as =
                api.withHeader("X-Callback-Token", WORKER.awaitInvocation(jobId).token());
        as.get("/api/jobs/" + jobId + "/bootstrap").expect(200);
        as.post(
                        "/api/jobs/" + jobId + "/result",
                        success
                                ? Map.of(
                                        "success",
                                        true,
                                        "outcome",
                                        "succeeded",
                                        "pullRequestUrl",
                                        "https://x.test/pr/1",
                                        "executionTimeMs",
                                        5)
                                : Map.of(
                                        "success",
                                        false,
                                        "outcome",
                                        "agent_failed",
                                        "errorMessage",
                                        "boom",
                                        "executionTimeMs",
                                        5))
                .expect(200);
    }

    private List<String> executions(String scheduleId) {
        return jdbi.withHandle(h -> h.createQuery("select job_id::text from claw_executions where schedule_id = "
                        + "cast(:id as uuid) and job_id is not null order by slot_at")
                .bind("id", scheduleId)
                .mapTo(String.class)
                .list());
    }

    private long delivered(String scheduleId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from claw_webhook_deliveries where schedule_id = "
                        + "cast(:id as uuid) and status = 'delivered'")
                .bind("id", scheduleId)
                .mapTo(Long.class)
                .one());
    }

    /** A second platform instance's scheduler on the same database, built from the same parts. */
    private ClawFiring secondInstance() {
        Clock clock = Clock.systemUTC();
        var settings = APP.getConfiguration().getClaws();
        var secrets = Secrets.build(jdbi, clock, APP.getConfiguration().getSecrets(), Map.of());
        JobQueue queue = new JobQueue(jdbi, Json.newMapper(), new JobLifecycle(Json.newMapper()), List.of());
        RunTargets targets = new RunTargets(
                new ProjectService(jdbi, clock, List.of(), ProjectListener.none()),
                new ClankerService(jdbi, clock, Json.newMapper()),
                secrets.service(),
                clock);
        ClawEvents events = new ClawEvents(new JsonText(Json.newMapper()));
        return new ClawFiring(
                jdbi,
                clock,
                settings,
                queue,
                targets,
                new PayloadFactory("http://second", new ClankerFileService(jdbi, clock)::forPayload),
                new PromptTemplateService(jdbi, clock, new PromptRenderer()),
                events,
                new ClawWebhookSender(jdbi, clock, secrets.cipher(), settings));
    }

    private static void stopQuietly(ClawFiring firing) {
        try {
            firing.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
