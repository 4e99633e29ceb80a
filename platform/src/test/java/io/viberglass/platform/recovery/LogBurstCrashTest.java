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
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the platform with SIGKILL while three workers stream numbered log batches as fast as they can, starts it again,
 * and reads every job's log: each line once, in order, although the workers sent again every batch whose answer they
 * did not get (some of which the killed platform had already committed).
 */
class LogBurstCrashTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(LogBurstCrashTest.class);

    private static final int JOBS = 3;
    private static final int BATCHES = 60;
    private static final int LINES_PER_BATCH = 10;

    @Test
    void aKilledPlatformLosesNoLogLineAndStoresNoneTwice(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path directory)
            throws Exception {
        Path record = directory.resolve("worker-record.txt");
        Files.createFile(record);
        String dispatch =
                """
                dispatch:
                  pollInterval: 200ms
                  claimTimeout: 30s
                  local:
                    command: [ "%s" ]
                    workDirectory: %s
                    logDirectory: %s
                """
                        .formatted(
                                writeWorker(directory, record),
                                directory.resolve("work"),
                                directory.resolve("worker-logs"));
        List<String> jobs = new ArrayList<>();
        try (PlatformProcess platform = PlatformProcess.configure(DB, directory, dispatch)) {
            platform.start(Map.of());
            Fixtures fixtures = new Fixtures(Api.of(platform.url()));
            String project = fixtures.project("file:///srv/git/shop.git");
            String clanker = fixtures.activeClanker(Map.of());
            for (int i = 0; i < JOBS; i++) {
                jobs.add(fixtures.run(fixtures.executableTicket(project, "Chatty " + i), clanker)
                        .get("id")
                        .asText());
            }
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> count("select count(*) from job_log_batches") >= 15);

            platform.kill();
            assertThat(count("select count(*) from job_log_batches"))
                    .as("the kill happened mid-burst")
                    .isLessThan(JOBS * BATCHES);

            platform.start(Map.of());
            await().atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> count("select count(*) from jobs where status = 'completed'") == JOBS);
        }
        for (String job : jobs) {
            assertThat(messages(job)).as("the log of " + job).containsExactlyElementsOf(expected(job));
        }
        assertThat(Files.readAllLines(record))
                .as("the workers had to send batches again, and no batch was refused")
                .anyMatch(line -> line.contains(" retried "))
                .noneMatch(line -> line.contains(" refused "));
    }

    private static List<String> expected(String job) {
        return IntStream.range(0, BATCHES)
                .boxed()
                .flatMap(batch -> IntStream.range(0, LINES_PER_BATCH).mapToObj(line -> job + " " + batch + "." + line))
                .toList();
    }

    /**
     * A worker in shell: fetch the payload, send {@value #BATCHES} numbered batches back to back, each until it is
     * answered (as the real worker does, for minutes), then the result.
     */
    private static Path writeWorker(Path directory, Path record) throws Exception {
        Path script = directory.resolve("worker.sh");
        Files.writeString(
                script,
                """
                #!/bin/bash
                # every call is retried for up to five minutes, so a failed test leaves no worker behind for long
                base="$PLATFORM_API_URL/api/jobs/$JOB_ID"
                auth=(-H "X-Callback-Token: $CALLBACK_TOKEN" -H "X-Tenant-Id: $TENANT_ID")
                post() { curl -s -m 10 -o /dev/null -w '%%{http_code}' "${auth[@]}" -H 'Content-Type: application/json' -d "$2" "$base/$1"; }
                for try in $(seq 1 1500); do
                  [ "$(curl -s -o /dev/null -w '%%{http_code}' "${auth[@]}" "$base/bootstrap")" = 200 ] && break
                  sleep 0.2
                done
                for batch in $(seq 0 %2$d); do
                  lines=""
                  for line in $(seq 0 %3$d); do
                    lines="$lines${lines:+,}{\\\"level\\\":\\\"info\\\",\\\"message\\\":\\\"$JOB_ID $batch.$line\\\",\\\"source\\\":\\\"agent:fake:stdout\\\"}"
                  done
                  body="{\\\"sequence\\\":$batch,\\\"logs\\\":[$lines]}"
                  for try in $(seq 0 1500); do
                    code=$(post logs/batch "$body")
                    # as the real worker: connection errors (000) and 5xx are tried again, any other answer is final
                    if [ "$code" != 000 ] && [ "$code" -lt 500 ]; then break; fi
                    sleep 0.2
                  done
                  if [ "$code" != 200 ]; then echo "$JOB_ID batch $batch refused $code" >> "%1$s"; fi
                  if [ "$try" -gt 0 ]; then echo "$JOB_ID batch $batch retried $try" >> "%1$s"; fi
                done
                for try in $(seq 1 1500); do
                  code=$(post result '{"success":true,"outcome":"succeeded","executionTimeMs":1000}')
                  if [ "$code" = 200 ] || [ "$code" = 409 ]; then exit 0; fi
                  sleep 0.2
                done
                """
                        .formatted(record, BATCHES - 1, LINES_PER_BATCH - 1));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static List<String> messages(String job) {
        return Jdbi.create(DB.dataSource()).withHandle(h -> h.createQuery(
                        "select message from job_logs where job_id = cast(:job as uuid) order by id")
                .bind("job", job)
                .mapTo(String.class)
                .list());
    }

    private static long count(String sql) {
        return Jdbi.create(DB.dataSource())
                .withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
