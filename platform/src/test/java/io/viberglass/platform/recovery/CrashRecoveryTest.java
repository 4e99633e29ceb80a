package io.viberglass.platform.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.PlatformProcess;
import io.viberglass.platform.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the platform with SIGKILL while jobs are being dispatched and run, starts it again on the same database and
 * port, and checks that every job still finishes and that none ran twice. Workers are real child processes (a shell
 * worker speaking the callback protocol with curl) that outlive the killed platform, as containers would.
 */
class CrashRecoveryTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(CrashRecoveryTest.class);

    private static final int JOBS = 16;

    @Test
    void aKilledPlatformLosesNoJobAndRunsNoneTwice(@TempDir Path directory) throws Exception {
        Path record = directory.resolve("worker-record.txt");
        Files.createFile(record);
        Path worker = writeWorker(directory, record);
        String dispatch =
                """
                dispatch:
                  pollInterval: 200ms
                  claimTimeout: 30s
                  startTimeout: 5m
                  sweepInterval: 1s
                  perProjectLimit: 100
                  defaultClankerLimit: 6
                  local:
                    command: [ "%s" ]
                    workDirectory: %s
                    logDirectory: %s
                """
                        .formatted(worker, directory.resolve("work"), directory.resolve("worker-logs"));
        PlatformProcess platform = PlatformProcess.configure(DB, directory, dispatch);
        List<String> jobs = new ArrayList<>();
        try (platform) {
            platform.start(Map.of());
            Api api = Api.of(platform.url());
            Fixtures fixtures = new Fixtures(api);
            String project = fixtures.project("file:///srv/git/shop.git");
            String clanker = fixtures.activeClanker(Map.of());
            for (int i = 0; i < JOBS; i++) {
                jobs.add(fixtures.run(fixtures.executableTicket(project, "Crash " + i), clanker)
                        .get("id")
                        .asText());
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> lines(record).size() >= 4);

            platform.kill();
            long finishedAtKill = finished();
            assertThat(finishedAtKill).as("the kill happened mid-way").isLessThan(JOBS);

            platform.start(Map.of());

            await().atMost(Duration.ofSeconds(240))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> finished() == JOBS);
        }
        Map<String, Long> starts = lines(record).stream()
                .filter(line -> line.endsWith(" started"))
                .collect(Collectors.groupingBy(line -> line.split(" ")[0], Collectors.counting()));
        assertThat(starts.keySet()).containsExactlyInAnyOrderElementsOf(jobs);
        assertThat(starts.values()).allMatch(count -> count == 1);
        assertThat(statuses()).containsOnlyKeys("completed");
        long startedProgress = jdbi().withHandle(
                        h -> h.createQuery("select count(*) from job_progress where step = 'started'")
                                .mapTo(Long.class)
                                .one());
        assertThat(startedProgress).isEqualTo(JOBS);
    }

    /**
     * A worker in shell: fetch the payload (once), work a little, report success; retry for up to five minutes while
     * the platform is down, as the real worker does, since a restart on a loaded machine can take most of a minute.
     */
    private static Path writeWorker(Path directory, Path record) throws Exception {
        Path script = directory.resolve("worker.sh");
        Files.writeString(
                script,
                """
                #!/bin/bash
                base="$PLATFORM_API_URL/api/jobs/$JOB_ID"
                auth=(-H "X-Callback-Token: $CALLBACK_TOKEN" -H "X-Tenant-Id: $TENANT_ID")
                for attempt in $(seq 1 1500); do
                  code=$(curl -s -o /dev/null -w '%%{http_code}' "${auth[@]}" "$base/bootstrap")
                  if [ "$code" = 200 ]; then echo "$JOB_ID started" >> "%1$s"; break; fi
                  if [ "$code" = 409 ] || [ "$code" = 401 ]; then echo "$JOB_ID refused-$code" >> "%1$s"; exit 0; fi
                  sleep 0.2
                done
                sleep 1
                for attempt in $(seq 1 1500); do
                  code=$(curl -s -o /dev/null -w '%%{http_code}' "${auth[@]}" -H 'Content-Type: application/json' \\
                    -d '{"success":true,"outcome":"succeeded","executionTimeMs":1000}' "$base/result")
                  if [ "$code" = 200 ] || [ "$code" = 409 ]; then echo "$JOB_ID reported-$code" >> "%1$s"; exit 0; fi
                  sleep 0.2
                done
                """
                        .formatted(record));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
    }

    private static Jdbi jdbi() {
        return Jdbi.create(DB.dataSource());
    }

    private static long finished() {
        return jdbi().withHandle(h -> h.createQuery(
                        "select count(*) from jobs where status in ('completed', 'failed', 'cancelled')")
                .mapTo(Long.class)
                .one());
    }

    private static Map<String, Long> statuses() {
        return jdbi().withHandle(h -> h.createQuery("select status, count(*) as n from jobs group by status")
                .reduceRows(new java.util.HashMap<String, Long>(), (map, row) -> {
                    map.put(row.getColumn("status", String.class), row.getColumn("n", Long.class));
                    return map;
                }));
    }
}
