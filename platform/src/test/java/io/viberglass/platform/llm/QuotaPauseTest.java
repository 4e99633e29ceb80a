package io.viberglass.platform.llm;

import static io.viberglass.platform.llm.BrokeredWorkers.REAL_ANTHROPIC_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.FakeModelServer;
import io.viberglass.platform.testing.MutableClock;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quota: a provider's 429 with a reset time, seen by the proxy, pauses the clanker's queue until that time (the
 * latest the headers name); queued runs wait instead of failing, and start on their own once the time has passed.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class QuotaPauseTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(QuotaPauseTest.class);

    static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    static final FakeModelServer MODEL = new FakeModelServer();
    static final BrokeredWorkers WORKERS = new BrokeredWorkers();
    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB, CLOCK, WORKERS.overrides(MODEL));

    private final Api api = Api.of(APP);

    @AfterAll
    static void stop() {
        MODEL.close();
        WORKERS.stop();
    }

    @Test
    void a429WithAResetTimePausesTheClankersQueueUntilThenAndItResumes() throws Exception {
        String project = WORKERS.project(api);
        String clanker = WORKERS.clanker(api, "claude-code", "ANTHROPIC_API_KEY", REAL_ANTHROPIC_KEY);
        BrokeredWorkers.Worker worker = WORKERS.run(api, project, clanker);
        String endpoint =
                BrokeredWorkers.bootstrap(api, worker).at("/agent/endpoint").asText();
        String rateLimited = "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                + "\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"}}";
        MODEL.answerNext(new FakeModelServer.Canned(
                429,
                Map.of(
                        "retry-after",
                        "60",
                        "anthropic-ratelimit-tokens-reset",
                        CLOCK.instant().plusSeconds(120).toString()),
                rateLimited));

        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(endpoint + "/v1/messages"))
                                .header("x-api-key", worker.credentials().get("ANTHROPIC_API_KEY"))
                                .header("content-type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + FakeModelServer.MODEL
                                        + "\",\"max_tokens\":10,\"messages\":[]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        // the agent sees the provider's own answer, to back off as it would
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.body()).isEqualTo(rateLimited);
        assertThat(answer.headers().firstValue("retry-after")).hasValue("60");
        JsonNode controls = api.get("/api/clankers/" + clanker + "/cost-controls")
                .expect(200)
                .json();
        assertThat(Instant.parse(controls.get("pausedUntil").asText()))
                .isEqualTo(CLOCK.instant().plusSeconds(120));

        // a run queued meanwhile waits: the dispatcher passes over it again and again
        String waiting = WORKERS.queue(api, project, clanker);
        Awaitility.await()
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> !WORKERS.started(waiting)
                        && api.get("/api/jobs/" + waiting)
                                .json()
                                .get("status")
                                .asText()
                                .equals("queued"));

        CLOCK.advance(Duration.ofSeconds(121));

        assertThat(WORKERS.worker(waiting).credentials()).containsKey("ANTHROPIC_API_KEY");
        JsonNode resumed =
                api.get("/api/clankers/" + clanker + "/cost-controls").json();
        assertThat(resumed.path("pausedUntil").isMissingNode()
                        || resumed.path("pausedUntil").isNull())
                .as("%s", resumed)
                .isTrue();
    }
}
