package io.viberglass.viberator.report;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.LogBatch;
import io.viberglass.common.job.LogLevel;
import io.viberglass.common.job.RunOutcome;
import io.viberglass.common.json.Json;
import io.viberglass.common.security.SecretRedactor;
import io.viberglass.common.security.SecretValue;
import io.viberglass.viberator.process.Cancellation;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CallbackReporterTest {
    static final String SECRET = "planted-secret-value-42";

    @RegisterExtension
    static WireMockExtension platform = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    final ObjectMapper mapper = Json.newMapper();
    final Cancellation cancellation = new Cancellation();

    CallbackClient client(int attempts) {
        return new CallbackClient(
                HttpClient.newHttpClient(),
                mapper,
                URI.create(platform.baseUrl()),
                "tenant-1",
                SecretValue.of("tok-" + "1".repeat(40)),
                cancellation,
                new CallbackClient.RetryPolicy(attempts, Duration.ofMillis(10)));
    }

    JobReporter reporter(Duration flushDelay) {
        return new RedactingReporter(
                new CallbackReporter(
                        client(4),
                        new CallbackClient.RetryPolicy(4, Duration.ofMillis(10)),
                        "j1",
                        Clock.systemUTC(),
                        flushDelay),
                SecretRedactor.shapesOnly().withKnownValues(List.of(SECRET)));
    }

    List<LogBatch> batches() {
        return platform.findAll(postRequestedFor(urlPathEqualTo("/api/jobs/j1/logs/batch"))).stream()
                .map(request -> {
                    try {
                        return mapper.readValue(request.getBodyAsString(), LogBatch.class);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    @Test
    void logsGoOutInBatchesOfTenWithThePlantedSecretRedacted() {
        platform.stubFor(post(urlPathEqualTo("/api/jobs/j1/logs/batch")).willReturn(ok()));
        JobReporter reporter = reporter(Duration.ofMinutes(10));

        for (int i = 0; i < 25; i++) {
            reporter.log(LogLevel.INFO, "agent:claude-code:stdout", "line " + i + " token " + SECRET);
        }
        reporter.close();

        List<LogBatch> batches = batches();
        assertThat(batches).extracting(batch -> batch.logs().size()).containsExactly(10, 10, 5);
        assertThat(batches).flatExtracting(LogBatch::logs).allSatisfy(entry -> {
            assertThat(entry.message()).doesNotContain(SECRET).contains("[REDACTED]");
            assertThat(entry.source()).isEqualTo("agent:claude-code:stdout");
        });
    }

    @Test
    void batchesAreNumberedInOrder_andABatchWhoseAnswerWasLostIsSentAgainUnderTheSameNumber() {
        platform.stubFor(post(urlPathEqualTo("/api/jobs/j1/logs/batch"))
                .inScenario("restart")
                .whenScenarioStateIs(STARTED)
                .willReturn(ok())
                .willSetStateTo("killed"));
        platform.stubFor(post(urlPathEqualTo("/api/jobs/j1/logs/batch"))
                .inScenario("restart")
                .whenScenarioStateIs("killed")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("starting"));
        platform.stubFor(post(urlPathEqualTo("/api/jobs/j1/logs/batch"))
                .inScenario("restart")
                .whenScenarioStateIs("starting")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        platform.stubFor(post(urlPathEqualTo("/api/jobs/j1/logs/batch"))
                .inScenario("restart")
                .whenScenarioStateIs("up")
                .willReturn(ok()));
        JobReporter reporter = reporter(Duration.ofMinutes(10));

        for (int i = 0; i < 30; i++) {
            reporter.log(LogLevel.INFO, "agent:claude-code:stdout", "line " + i);
        }
        reporter.close();

        List<LogBatch> batches = batches();
        assertThat(batches).extracting(LogBatch::sequence).containsExactly(0L, 1L, 1L, 1L, 2L);
        assertThat(batches.get(1)).isEqualTo(batches.get(3));
        assertThat(batches.get(4).logs().get(0).message()).isEqualTo("line 20");
    }

    @Test
    void theLogPolicyOutlastsAPlatformRestart() {
        CallbackClient.RetryPolicy policy = CallbackClient.RetryPolicy.LOGS;
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < policy.maxAttempts(); attempt++) {
            total = total.plus(policy.delayAfter(attempt));
        }
        assertThat(total).isBetween(Duration.ofMinutes(2), Duration.ofMinutes(5));
    }

    @Test
    void aPartialBatchIsFlushedAfterTheDelayWithoutMoreLines() {
        platform.stubFor(post(urlPathEqualTo("/api/jobs/j1/logs/batch")).willReturn(ok()));
        JobReporter reporter = reporter(Duration.ofMillis(200));

        reporter.log(LogLevel.WARN, "viberator", "only line");

        await().atMost(Duration.ofSeconds(5)).until(() -> batches().size() == 1);
        assertThat(batches().get(0).logs()).singleElement().satisfies(e -> assertThat(e.message())
                .isEqualTo("only line"));
        reporter.close();
    }

    @Test
    void theResultFlushesPendingLogsFirstAndIsRetriedOn5xx() {
        platform.stubFor(post(urlPathEqualTo("/api/jobs/j1/logs/batch")).willReturn(ok()));
        platform.stubFor(post(urlPathEqualTo("/api/jobs/j1/result"))
                .willReturn(aResponse().withStatus(502)));
        JobReporter reporter = reporter(Duration.ofMinutes(10));
        reporter.log(LogLevel.INFO, "viberator", "before result");

        boolean delivered = reporter.result(JobResult.failure(RunOutcome.AGENT_FAILED, "failed with " + SECRET, 5));

        assertThat(delivered).isFalse();
        assertThat(batches()).hasSize(1);
        platform.verify(4, postRequestedFor(urlPathEqualTo("/api/jobs/j1/result")));
        assertThat(platform.findAll(postRequestedFor(urlPathEqualTo("/api/jobs/j1/result")))
                        .get(0)
                        .getBodyAsString())
                .doesNotContain(SECRET);
    }

    @Test
    void theResultOutlastsAPlatformRestart() {
        platform.stubFor(post(urlPathEqualTo("/api/jobs/j1/result"))
                .inScenario("restart")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("starting"));
        platform.stubFor(post(urlPathEqualTo("/api/jobs/j1/result"))
                .inScenario("restart")
                .whenScenarioStateIs("starting")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        platform.stubFor(post(urlPathEqualTo("/api/jobs/j1/result"))
                .inScenario("restart")
                .whenScenarioStateIs("up")
                .willReturn(ok()));
        CallbackReporter reporter = new CallbackReporter(
                client(4),
                new CallbackClient.RetryPolicy(20, Duration.ofMillis(5), Duration.ofMillis(20)),
                "j1",
                Clock.systemUTC(),
                Duration.ofMinutes(10));

        assertThat(reporter.result(JobResult.failure(RunOutcome.AGENT_FAILED, "failed", 5)))
                .isTrue();
        platform.verify(3, postRequestedFor(urlPathEqualTo("/api/jobs/j1/result")));
        reporter.close();
    }

    @Test
    void theResultPolicyKeepsTryingForMinutesWithCappedDelays() {
        CallbackClient.RetryPolicy policy = CallbackClient.RetryPolicy.RESULT;
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < policy.maxAttempts(); attempt++) {
            total = total.plus(policy.delayAfter(attempt));
        }
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(19)).isEqualTo(Duration.ofSeconds(30));
        assertThat(total).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(10));
    }

    @Test
    void clientErrorsOtherThanConflictAreNotRetriedAndConflictCountsAsDelivered() {
        platform.stubFor(post(urlPathEqualTo("/api/jobs/j1/progress"))
                .willReturn(aResponse().withStatus(404)));
        platform.stubFor(post(urlPathEqualTo("/api/jobs/j1/result"))
                .willReturn(aResponse().withStatus(409)));

        assertThat(client(4).post("/api/jobs/j1/progress", "{}", Duration.ofSeconds(5)))
                .isEqualTo(CallbackClient.Delivery.REJECTED);
        assertThat(client(4)
                        .post("/api/jobs/j1/result", "{}", Duration.ofSeconds(5))
                        .ok())
                .isTrue();
        platform.verify(1, postRequestedFor(urlPathEqualTo("/api/jobs/j1/progress")));
        platform.verify(1, postRequestedFor(urlPathEqualTo("/api/jobs/j1/result")));
    }

    @Test
    void theCancelledHeaderTripsTheCancellation() {
        platform.stubFor(
                post(urlPathEqualTo("/api/jobs/j1/progress")).willReturn(ok().withHeader("X-Job-Cancelled", "true")));

        client(1).post("/api/jobs/j1/progress", "{}", Duration.ofSeconds(5));

        assertThat(cancellation.isCancelled()).isTrue();
    }
}
