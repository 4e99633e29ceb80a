package io.viberglass.platform.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.PlatformProcess;
import io.viberglass.platform.testing.PrivatePostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops PostgreSQL as a crash would ({@code pg_ctl -m immediate}) while clients keep creating tickets, then starts it
 * again. The platform, never restarted, reports the outage on its health endpoints while it lasts, answers 503 (not
 * 500) meanwhile, and serves again once the database is back: the pool validates connections on borrow, so the broken
 * ones are replaced without anyone's help, and dispatch (whose LISTEN connection died too) runs jobs again. The
 * database is a private cluster of this test's own, so stopping it disturbs no other test.
 */
class PostgresOutageTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void thePlatformRidesOutADatabaseRestart_andReportsTheOutageWhileItLasts(@TempDir Path directory) throws Exception {
        String yaml =
                """
                migrateOnStart: true
                dispatch:
                  pollInterval: 200ms
                  claimTimeout: 30s
                  local:
                    command: [ "%s" ]
                    workDirectory: %s
                    logDirectory: %s
                """
                        .formatted(
                                RetryingWorkerScript.write(directory, 300, false),
                                directory.resolve("work"),
                                directory.resolve("worker-logs"));
        Queue<Integer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try (PrivatePostgres postgres = PrivatePostgres.start(Path.of("target", "private-postgres"));
                PlatformProcess platform = PlatformProcess.configure(postgres.url("viberglass"), directory, yaml)) {
            postgres.createDatabase("viberglass");
            platform.start(Map.of());
            long pid = platform.pid();
            Api api = Api.of(platform.url());
            Fixtures fixtures = new Fixtures(api);
            String project = fixtures.project("file:///srv/git/shop.git");
            String clanker = fixtures.activeClanker(Map.of());
            for (int i = 0; i < 2; i++) {
                clients.submit(() -> {
                    while (loading.get()) {
                        answers.add(api.post("/api/tickets", Map.of("projectId", project, "title", "Load"))
                                .status());
                    }
                });
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> count(answers, 201) >= 10);

            postgres.stopServer();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> status(platform.adminUrl() + "/healthcheck") == 500);
            assertThat(body(platform.adminUrl() + "/healthcheck")).contains("\"postgresql\":{\"healthy\":false");
            assertThat(status(platform.url() + "/health")).isEqualTo(503);
            await().atMost(Duration.ofSeconds(30)).until(() -> count(answers, 503) >= 3);

            postgres.startServer();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> status(platform.adminUrl() + "/healthcheck") == 200);
            assertThat(status(platform.url() + "/health")).isEqualTo(200);
            long createdBefore = count(answers, 201);
            await().atMost(Duration.ofSeconds(30)).until(() -> count(answers, 201) >= createdBefore + 20);
            loading.set(false);

            String job = fixtures.run(fixtures.executableTicket(project, "After the outage"), clanker)
                    .get("id")
                    .asText();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(
                            () -> api.get("/api/jobs/" + job)
                                    .json()
                                    .get("status")
                                    .asText(),
                            "completed"::equals);
            assertThat(platform.isAlive()).isTrue();
            assertThat(platform.pid()).as("the same process throughout").isEqualTo(pid);
        } finally {
            loading.set(false);
            clients.shutdown();
            clients.awaitTermination(30, TimeUnit.SECONDS);
        }
        assertThat(List.copyOf(answers))
                .as("tickets were created before and after the outage, and refused with 503 during it")
                .containsOnly(201, 503);
    }

    private static long count(Queue<Integer> answers, int status) {
        return answers.stream().filter(answer -> answer == status).count();
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String body(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
