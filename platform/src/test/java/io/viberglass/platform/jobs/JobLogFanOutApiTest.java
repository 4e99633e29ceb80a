package io.viberglass.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.LogFollower;
import io.viberglass.platform.testing.RecordingWorker;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many clients follow one run's log while its worker posts; one of them stalls. Every client gets every line exactly
 * once and in order: the stalled one is cut with a {@code reconnect} event once its queue is full, and resumes with
 * {@code Last-Event-ID}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class JobLogFanOutApiTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(JobLogFanOutApiTest.class);

    static final RecordingWorker WORKER = new RecordingWorker();
    static final int QUEUE = 8;
    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB, overrides());

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(WORKER.overrides()));
        all.add(ConfigOverride.config("sessions.clientQueueCapacity", Integer.toString(QUEUE)));
        // a client that takes nothing for two heartbeats is cut: soon, in a test
        all.add(ConfigOverride.config("sessions.heartbeatInterval", "500ms"));
        return all.toArray(ConfigOverride[]::new);
    }

    private static final int CLIENTS = 12;
    private static final int BATCHES = 15;
    private static final int PER_BATCH = 100;
    private static final Pattern NUMBER = Pattern.compile("line (\\d+) ");

    private final Api admin = Api.of(APP);
    private final Fixtures fixtures = new Fixtures(admin);

    @Test
    void everyClientGetsEveryLineOnceInOrder_evenOneThatStalledAndWasCut() throws Exception {
        String project = fixtures.project("https://github.com/acme/shop.git");
        String clanker = fixtures.activeClanker(Map.of());
        String job = fixtures.run(fixtures.executableTicket(project, "Followed by many"), clanker)
                .get("id")
                .asText();
        RecordingWorker.Invocation invocation = WORKER.awaitInvocation(job);
        Api worker = admin.withHeader("X-Callback-Token", invocation.token());
        worker.get("/api/jobs/" + job + "/bootstrap").expect(200);
        String path = "/api/jobs/" + job + "/logs/stream";

        List<LogFollower> followers = IntStream.range(0, CLIENTS)
                .mapToObj(i -> new LogFollower(admin, path).start())
                .toList();
        LogFollower stalled = new LogFollower(admin, path);
        LogFollower.SlowStart stall = stalled.stall();

        // lines of 4,000 random hex digits: 6 MB in all, more than a stalled socket's buffers hold, so the platform's
        // writer to the stalled client blocks; the fast clients get theirs through a queue of 8 frames all the same
        Random random = new Random(16);
        int total = BATCHES * PER_BATCH;
        for (int batch = 0; batch < BATCHES; batch++) {
            List<Map<String, Object>> lines = new ArrayList<>();
            for (int i = 0; i < PER_BATCH; i++) {
                lines.add(Map.of(
                        "level", "info", "message", "line %d %s".formatted(batch * PER_BATCH + i, noise(random))));
            }
            worker.post("/api/jobs/" + job + "/logs/batch", Map.of("sequence", batch, "logs", lines))
                    .expect(200);
        }
        Thread.sleep(1_500); // three heartbeats: the stalled client is cut by now
        worker.post(
                        "/api/jobs/" + job + "/result",
                        Map.of("success", true, "outcome", "succeeded", "executionTimeMs", 5))
                .expect(200);
        stall.read();

        List<LogFollower> everyone = new ArrayList<>(followers);
        everyone.add(stalled);
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> everyone.stream()
                .allMatch(LogFollower::ended));
        List<Integer> inOrder = IntStream.range(0, total).boxed().toList();
        List<Long> ids =
                followers.get(0).lines().stream().map(LogFollower.Line::id).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates().hasSize(total);
        for (LogFollower follower : everyone) {
            assertThat(follower.lines()).extracting(JobLogFanOutApiTest::number).isEqualTo(inOrder);
            assertThat(follower.lines()).extracting(LogFollower.Line::id).isEqualTo(ids);
        }
        assertThat(stalled.reconnectEvents())
                .as("the stalled client was told to reconnect")
                .isEqualTo(1);
        assertThat(stalled.connections()).isEqualTo(2);
        followers.forEach(LogFollower::close);
    }

    private static int number(LogFollower.Line line) {
        Matcher matcher = NUMBER.matcher(line.data());
        assertThat(matcher.find()).as("a numbered line: %s", line.data()).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    /** Random lower-case hex: incompressible enough, and no token shape the redactor would mask. */
    private static String noise(Random random) {
        StringBuilder text = new StringBuilder(4000);
        while (text.length() < 4000) {
            text.append(Long.toHexString(random.nextLong()));
        }
        return text.substring(0, 4000);
    }
}
