package io.viberglass.platform.recovery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.viberglass.common.json.Json;
import io.viberglass.common.security.Hmac;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.IntegrationFixtures;
import io.viberglass.platform.testing.PlatformProcess;
import io.viberglass.platform.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the platform with SIGKILL while it is sending feedback to a slow custom target, starts it again, and checks
 * what the target saw: every event, each under one delivery id; the one request that was in flight at the kill is sent
 * again under the same id, signed the same (so a receiver that keys on {@code X-Viberglass-Delivery} applies every
 * event exactly once); and the outbox drains.
 */
class FeedbackCrashTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(FeedbackCrashTest.class);

    static final WireMockServer RECEIVER = start();
    static final String SIGNING = "crash-signing-secret-0123";
    private static final int JOBS = 8;

    @AfterAll
    static void stop() {
        RECEIVER.stop();
    }

    @Test
    void aKilledPlatformDeliversEveryEventOnceEffectively_andTheOutboxDrains(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path directory) throws Exception {
        RECEIVER.stubFor(post(urlPathEqualTo("/sink"))
                .willReturn(aResponse().withStatus(204).withFixedDelay(1500)));
        String yaml =
                """
                secrets:
                  activeKeyId: k1
                  keys:
                    k1: "9r21u/0nit1AbxPG9WNQNOSHRkqPLJxx9mOoHb2LWlE="
                feedback:
                  pollInterval: 200ms
                  lease: 2s
                dispatch:
                  pollInterval: 200ms
                  claimTimeout: 30s
                  local:
                    command: [ "%s" ]
                    workDirectory: %s
                    logDirectory: %s
                """
                        .formatted(
                                RetryingWorkerScript.write(directory, 600, false),
                                directory.resolve("work"),
                                directory.resolve("worker-logs"));
        List<String> jobs = new ArrayList<>();
        LoggedRequest inFlight;
        try (PlatformProcess platform = PlatformProcess.configure(DB, directory, yaml)) {
            platform.start(Map.of());
            Api api = Api.of(platform.url());
            Fixtures fixtures = new Fixtures(api);
            String project = fixtures.project("file:///srv/git/shop.git");
            String clanker = fixtures.activeClanker(Map.of());
            String integration = new IntegrationFixtures(api).integration("custom", Map.of(), null);
            api.post(
                            "/api/integrations/" + integration + "/webhooks/outbound",
                            Map.of(
                                    "name",
                                    "Slow sink",
                                    "projectId",
                                    project,
                                    "targetUrl",
                                    RECEIVER.baseUrl() + "/sink",
                                    "events",
                                    List.of("job_ended"),
                                    "signingSecret",
                                    SIGNING,
                                    "retryPolicy",
                                    Map.of("maxAttempts", 10, "backoffMs", 1000, "maxBackoffMs", 5000)))
                    .expect(201);
            for (int i = 0; i < JOBS; i++) {
                jobs.add(fixtures.run(fixtures.executableTicket(project, "Report " + i), clanker)
                        .get("id")
                        .asText());
            }
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> calls().size() >= 3);

            platform.kill();
            List<LoggedRequest> beforeKill = calls();
            inFlight = beforeKill.get(beforeKill.size() - 1);
            assertThat(count("select count(*) from feedback_outbox where status = 'delivered'"))
                    .as("the kill happened while feedback was being sent")
                    .isLessThan(JOBS);

            platform.start(Map.of());
            try {
                await().atMost(Duration.ofSeconds(180))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> count("select count(*) from feedback_outbox where status = 'delivered'") == JOBS);
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("The outbox did not drain: " + state(), e);
            }
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> calls().size(), size -> size == JOBS + 1);
        }
        assertThat(count("select count(*) from feedback_outbox where status <> 'delivered'"))
                .as("the outbox drained")
                .isZero();

        List<LoggedRequest> calls = calls();
        Map<String, List<LoggedRequest>> byDelivery =
                calls.stream().collect(Collectors.groupingBy(call -> call.getHeader("X-Viberglass-Delivery")));
        Set<String> outboxIds = Set.copyOf(Jdbi.create(DB.dataSource())
                .withHandle(h -> h.createQuery("select cast(id as text) from feedback_outbox")
                        .mapTo(String.class)
                        .list()));
        assertThat(byDelivery.keySet()).isEqualTo(outboxIds);
        assertThat(byDelivery.get(inFlight.getHeader("X-Viberglass-Delivery")))
                .as("the request in flight at the kill was sent again, unchanged")
                .hasSize(2)
                .extracting(LoggedRequest::getBodyAsString)
                .containsOnly(inFlight.getBodyAsString());
        assertThat(byDelivery.values())
                .as("every other event was sent once")
                .filteredOn(requests -> requests.size() == 1)
                .hasSize(JOBS - 1);

        ObjectMapper mapper = Json.newMapper();
        List<String> reportedJobs = new ArrayList<>();
        for (List<LoggedRequest> requests : byDelivery.values()) {
            LoggedRequest call = requests.get(0);
            assertThat(call.getHeader("X-Viberglass-Signature"))
                    .isEqualTo(Hmac.prefixedHex(Hmac.Algorithm.SHA256, SIGNING, call.getBody()));
            reportedJobs.add(mapper.readTree(call.getBody()).at("/job/id").asText());
        }
        assertThat(reportedJobs).containsExactlyInAnyOrderElementsOf(jobs);
    }

    /** Where things stand, for a failure message. */
    private static String state() {
        return Jdbi.create(DB.dataSource()).withHandle(h -> h.createQuery(
                                "select 'jobs ' || status || ' ' || count(*) from jobs group by status "
                                        + "union all select 'outbox ' || status || ' attempts ' || attempts || ' ' || "
                                        + "coalesce(last_error, '') from feedback_outbox")
                        .mapTo(String.class)
                        .list())
                + "; " + calls().size() + " requests received";
    }

    private static List<LoggedRequest> calls() {
        return RECEIVER.findAll(postRequestedFor(urlPathEqualTo("/sink")));
    }

    private static long count(String sql) {
        return Jdbi.create(DB.dataSource())
                .withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static WireMockServer start() {
        WireMockServer server =
                new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }
}
