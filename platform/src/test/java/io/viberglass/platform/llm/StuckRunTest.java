package io.viberglass.platform.llm;

import static io.viberglass.platform.llm.BrokeredWorkers.REAL_ANTHROPIC_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.common.job.Callbacks;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.FakeModelServer;
import io.viberglass.platform.testing.MutableClock;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stuck-run detection by progress, with the test playing the worker (it forwards the agent's output as log batches,
 * as {@code viberator job} does) and moving the platform's clock: heartbeats alone do not keep a silent agent alive.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class StuckRunTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(StuckRunTest.class);

    static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    static final FakeModelServer MODEL = new FakeModelServer();
    static final BrokeredWorkers WORKERS = new BrokeredWorkers();
    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(
            DB,
            CLOCK,
            Stream.concat(
                            Stream.of(WORKERS.overrides(MODEL)),
                            Stream.of(
                                    ConfigOverride.config("llm.stuckRuns.checkInterval", "100ms"),
                                    ConfigOverride.config("llm.stuckRuns.grace", "5m"),
                                    // the worker's heartbeats are not what this test is about
                                    ConfigOverride.config("dispatch.heartbeatGrace", "10h")))
                    .toArray(ConfigOverride[]::new));

    private final Api api = Api.of(APP);

    @AfterAll
    static void stop() {
        MODEL.close();
        WORKERS.stop();
    }

    @Test
    void aSilentAgentIsFlaggedThenStoppedAsStuck() throws Exception {
        String project = WORKERS.project(api);
        String clanker = WORKERS.clanker(api, "claude-code", "ANTHROPIC_API_KEY", REAL_ANTHROPIC_KEY);
        api.put("/api/clankers/" + clanker + "/cost-controls", Map.of("modelBroker", true, "stuckAfterMinutes", 10))
                .expect(200);
        BrokeredWorkers.Worker worker = WORKERS.run(api, project, clanker);
        BrokeredWorkers.bootstrap(api, worker);
        agentSays(worker, "assistant: I'll look at the code.");

        CLOCK.advance(Duration.ofMinutes(9));
        heartbeat(worker); // the worker is alive; its agent is not saying anything
        CLOCK.advance(Duration.ofMinutes(2));

        JsonNode flagged = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> job(worker), j -> steps(j)
                .contains("stuck"));
        assertThat(flagged.get("status").asText()).isEqualTo("active");

        CLOCK.advance(Duration.ofMinutes(5));

        JsonNode stopped = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> job(worker), j -> j.get("status").asText().equals("failed"));
        assertThat(stopped.at("/failure/code").asText()).isEqualTo("AGENT_STUCK");
        assertThat(stopped.at("/failure/technicalDetail").asText()).contains("No output from the agent for 16 min");
        assertThat(api.get("/api/admin/audit?action=job.flagged_stuck")
                        .json()
                        .at("/events/0/targetId")
                        .asText())
                .isEqualTo(worker.jobId());
    }

    @Test
    void anAgentThatSpeaksAgainIsNotStopped() throws Exception {
        String project = WORKERS.project(api);
        String clanker = WORKERS.clanker(api, "claude-code", "ANTHROPIC_API_KEY", REAL_ANTHROPIC_KEY);
        api.put("/api/clankers/" + clanker + "/cost-controls", Map.of("modelBroker", true, "stuckAfterMinutes", 30))
                .expect(200);
        BrokeredWorkers.Worker worker = WORKERS.run(api, project, clanker);
        BrokeredWorkers.bootstrap(api, worker);
        agentSays(worker, "assistant: Thinking.");
        CLOCK.advance(Duration.ofMinutes(31));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> steps(job(worker))
                .contains("stuck"));

        agentSays(worker, "assistant: Found it.");
        CLOCK.advance(Duration.ofMinutes(6));

        // past what would have been the end of its grace, it still runs: it spoke after the flag
        Awaitility.await()
                .during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(10))
                .until(() -> job(worker).get("status").asText().equals("active"));
    }

    @Test
    void theSameToolCallOverAndOverIsFlaggedAsALoop() throws Exception {
        String project = WORKERS.project(api);
        String clanker = WORKERS.clanker(api, "claude-code", "ANTHROPIC_API_KEY", REAL_ANTHROPIC_KEY);
        api.put("/api/clankers/" + clanker + "/cost-controls", Map.of("modelBroker", true, "repeatedToolCallLimit", 3))
                .expect(200);
        BrokeredWorkers.Worker worker = WORKERS.run(api, project, clanker);
        BrokeredWorkers.bootstrap(api, worker);
        agentSays(worker, "tool: Bash npm test", "tool result: 1 failing", "tool: Bash npm test");
        Awaitility.await()
                .during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> !steps(job(worker)).contains("looping"));

        agentSays(worker, "tool result: 1 failing", "tool: Bash npm test");

        JsonNode looping = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> job(worker), j -> steps(j)
                .contains("looping"));
        assertThat(looping.get("status").asText()).isEqualTo("active");
        assertThat(looping.get("progress").toString()).contains("same tool call 3 times in a row: Bash npm test");
    }

    private void agentSays(BrokeredWorkers.Worker worker, String... lines) {
        List<Map<String, Object>> logs = new ArrayList<>();
        for (String line : lines) {
            logs.add(Map.of("level", "info", "message", line, "source", "agent:claude-code:stdout"));
        }
        callbacks(worker)
                .post("/api/jobs/" + worker.jobId() + "/logs/batch", Map.of("logs", logs))
                .expect(200);
    }

    private void heartbeat(BrokeredWorkers.Worker worker) {
        callbacks(worker)
                .post(
                        "/api/jobs/" + worker.jobId() + "/progress",
                        Map.of("step", "heartbeat", "message", "Claude Code is running"))
                .expect(200);
    }

    private Api callbacks(BrokeredWorkers.Worker worker) {
        return api.withHeader(Callbacks.TOKEN_HEADER, worker.callbackToken())
                .withHeader(Callbacks.TENANT_HEADER, worker.tenant());
    }

    private JsonNode job(BrokeredWorkers.Worker worker) {
        return api.get("/api/jobs/" + worker.jobId()).json();
    }

    private static List<String> steps(JsonNode job) {
        return job.get("progress").findValuesAsText("step");
    }
}
