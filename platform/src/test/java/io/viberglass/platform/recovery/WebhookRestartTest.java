package io.viberglass.platform.recovery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.viberglass.common.security.Hmac;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.IntegrationFixtures;
import io.viberglass.platform.testing.PlatformProcess;
import io.viberglass.platform.testing.TestDatabase;
import io.viberglass.platform.testing.WebhookSender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook work lives in tables, not in memory: deliveries stored by a platform that processes nothing are processed
 * after a restart, and an outbox row whose target failed twice is delivered, once, by the platform that replaced the
 * one that was killed between the attempts.
 */
class WebhookRestartTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(WebhookRestartTest.class);

    static final WireMockServer RECEIVER = start();
    static final String SIGNING = "restart-signing-secret-0123";
    static final String SECRETS_YAML =
            """
            secrets:
              activeKeyId: k1
              keys:
                k1: "9r21u/0nit1AbxPG9WNQNOSHRkqPLJxx9mOoHb2LWlE="
            """;

    @AfterAll
    static void stop() {
        RECEIVER.stop();
    }

    @Test
    void deliveriesStoredWhileNothingProcesses_areProcessedAfterARestart(@TempDir Path directory) {
        String yaml = SECRETS_YAML
                + """
                webhooks:
                  enabled: ${WEBHOOKS_ENABLED:-true}
                  pollInterval: 200ms
                """;
        try (PlatformProcess platform = PlatformProcess.configure(DB, directory, yaml)) {
            platform.start(Map.of("WEBHOOKS_ENABLED", "false"));
            Api api = Api.of(platform.url());
            IntegrationFixtures integrations = new IntegrationFixtures(api);
            String integration = integrations.integration("custom", Map.of(), null);
            String hook = integrations
                    .inbound(integration, integrations.project(), SIGNING, Map.of())
                    .get("id")
                    .asText();
            WebhookSender sender = new WebhookSender(Api.anonymous(platform.url()));
            for (int i = 0; i < 3; i++) {
                byte[] body = ("{\"title\":\"Stored " + i + "\"}").getBytes();
                sender.custom(hook, SIGNING, "stored-" + i, body).expect(202);
            }
            assertThat(statuses(hook)).containsOnly("received").hasSize(3);

            platform.kill();
            platform.start(Map.of("WEBHOOKS_ENABLED", "true"));

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> statuses(hook), s -> s.equals(List.of("processed", "processed", "processed")));
            assertThat(count("select count(*) from tickets where title like 'Stored %'"))
                    .isEqualTo(3);
        }
    }

    @Test
    void aTargetThatFailsTwice_getsExactlyOneSignedDelivery_fromThePlatformThatReplacedTheKilledOne(
            @TempDir Path directory) throws Exception {
        RECEIVER.stubFor(post(urlPathEqualTo("/sink"))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500))
                .willSetStateTo("failed once"));
        RECEIVER.stubFor(post(urlPathEqualTo("/sink"))
                .inScenario("flaky")
                .whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("failed twice"));
        RECEIVER.stubFor(post(urlPathEqualTo("/sink"))
                .inScenario("flaky")
                .whenScenarioStateIs("failed twice")
                .willReturn(aResponse().withStatus(204)));
        String yaml = SECRETS_YAML
                + """
                feedback:
                  pollInterval: 200ms
                dispatch:
                  pollInterval: 200ms
                  local:
                    command: [ "%s" ]
                    workDirectory: %s
                    logDirectory: %s
                """
                        .formatted(
                                RetryingWorkerScript.write(directory, 600, false),
                                directory.resolve("work"),
                                directory.resolve("worker-logs"));
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
                                    "Sink",
                                    "projectId",
                                    project,
                                    "targetUrl",
                                    RECEIVER.baseUrl() + "/sink",
                                    "events",
                                    List.of("job_ended"),
                                    "signingSecret",
                                    SIGNING,
                                    "retryPolicy",
                                    Map.of("maxAttempts", 10, "backoffMs", 6000, "maxBackoffMs", 60000)))
                    .expect(201);
            fixtures.run(fixtures.executableTicket(project, "Report me " + UUID.randomUUID()), clanker);

            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> calls().size() >= 2);
            platform.kill();
            assertThat(calls())
                    .as("the restart happens between the second and third attempt")
                    .hasSize(2);

            platform.start(Map.of());
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> count("select count(*) from feedback_outbox where status = 'delivered'") == 1);
            await().during(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> calls().size(), size -> size == 3); // nothing more arrives once delivered
        }
        List<LoggedRequest> calls = calls();
        assertThat(calls).hasSize(3);
        assertThat(calls)
                .extracting(call -> call.getHeader("X-Viberglass-Delivery"))
                .containsOnly(calls.get(0).getHeader("X-Viberglass-Delivery"));
        for (LoggedRequest call : calls) {
            assertThat(call.getHeader("X-Viberglass-Signature"))
                    .isEqualTo(Hmac.prefixedHex(Hmac.Algorithm.SHA256, SIGNING, call.getBody()));
            assertThat(call.getBodyAsString()).contains("\"eventType\":\"job_ended\"");
        }
        assertThat(count("select attempts from feedback_outbox where status = 'delivered'"))
                .isEqualTo(3);
    }

    private static List<LoggedRequest> calls() {
        return RECEIVER.findAll(postRequestedFor(urlPathEqualTo("/sink")));
    }

    private static List<String> statuses(String hook) {
        return Jdbi.create(DB.dataSource()).withHandle(h -> h.createQuery(
                        "select status from webhook_deliveries where config_id = cast(:hook as uuid) order by delivery_id")
                .bind("hook", hook)
                .mapTo(String.class)
                .list());
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
