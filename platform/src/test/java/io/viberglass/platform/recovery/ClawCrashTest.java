package io.viberglass.platform.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.PlatformProcess;
import io.viberglass.platform.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the platform with SIGKILL right after a scheduled task (claw) fired, keeps it down past the next slot, and
 * starts it again: the slot that fired before the kill does not fire again, the slot that fell due during the outage
 * fires exactly once (late), the slots missed while down are not replayed, and every execution has exactly one job.
 */
class ClawCrashTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(ClawCrashTest.class);

    private static final Duration INTERVAL = Duration.ofSeconds(4);

    @Test
    void aSlotFiresExactlyOnceAcrossAKillAndRestart(@TempDir Path directory) throws Exception {
        String yaml =
                """
                claws:
                  tickInterval: 200ms
                  minimumInterval: 1s
                dispatch:
                  pollInterval: 200ms
                  claimTimeout: 30s
                  local:
                    command: [ "%s" ]
                    workDirectory: %s
                    logDirectory: %s
                """
                        .formatted(
                                RetryingWorkerScript.write(directory, 600, true),
                                directory.resolve("work"),
                                directory.resolve("worker-logs"));
        String schedule;
        try (PlatformProcess platform = PlatformProcess.configure(DB, directory, yaml)) {
            platform.start(Map.of());
            Api api = Api.of(platform.url());
            schedule = schedule(api);
            await().atMost(Duration.ofSeconds(60)).until(() -> slots(schedule).size() >= 2);

            platform.kill();
            List<Execution> beforeKill = executions(schedule);
            Instant dueWhileDown = nextRunAt(schedule);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> Instant.now().isAfter(dueWhileDown.plus(INTERVAL)));

            platform.start(Map.of());
            await().atMost(Duration.ofSeconds(60)).until(() -> slots(schedule).size() >= beforeKill.size() + 2);
            api.post("/api/claw/schedules/" + schedule + "/pause", Map.of()).expect(200);

            List<Execution> executions = executions(schedule);
            assertThat(executions.subList(0, beforeKill.size()))
                    .as("what fired before the kill is unchanged")
                    .isEqualTo(beforeKill);
            Execution late = executions.get(beforeKill.size());
            Execution next = executions.get(beforeKill.size() + 1);
            assertThat(late.slot())
                    .as("the slot due during the outage fired, once")
                    .isEqualTo(dueWhileDown);
            assertThat(late.createdAt()).isAfter(dueWhileDown.plus(INTERVAL));
            assertThat(next.slot())
                    .as("slots missed while down are not replayed: the next one follows the late firing")
                    .isAfter(late.createdAt());
        }
        assertThat(slots(schedule)).doesNotHaveDuplicates();
        assertThat(count(
                        "select count(*) from claw_executions e where e.schedule_id = cast(:id as uuid) and "
                                + "(select count(*) from jobs j where j.id = e.job_id and j.kind = 'claw') <> 1",
                        schedule))
                .as("executions without exactly one job")
                .isZero();
        assertThat(count(
                        "select count(*) from jobs where kind = 'claw' and project_id = "
                                + "(select project_id from claw_schedules where id = cast(:id as uuid))",
                        schedule))
                .isEqualTo(slots(schedule).size());
    }

    private static String schedule(Api api) {
        Fixtures fixtures = new Fixtures(api);
        String project = fixtures.project("file:///srv/git/shop.git");
        String clanker = fixtures.activeClanker(Map.of());
        String template = api.post(
                        "/api/claw/task-templates",
                        Map.of(
                                "projectId",
                                project,
                                "name",
                                "Deps " + UUID.randomUUID(),
                                "clankerId",
                                clanker,
                                "taskInstructions",
                                "Update outdated dependencies."))
                .expect(201)
                .json()
                .get("id")
                .asText();
        return api.post(
                        "/api/claw/schedules",
                        Map.of(
                                "projectId",
                                project,
                                "taskTemplateId",
                                template,
                                "name",
                                "Every four seconds",
                                "scheduleType",
                                "interval",
                                "intervalExpression",
                                INTERVAL.toSeconds() + "s"))
                .expect(201)
                .json()
                .get("id")
                .asText();
    }

    record Execution(Instant slot, UUID job, Instant createdAt) {}

    private static List<Execution> executions(String schedule) {
        return Jdbi.create(DB.dataSource())
                .withHandle(h -> h.createQuery("select slot_at, job_id, created_at from claw_executions "
                                + "where schedule_id = cast(:id as uuid) order by slot_at")
                        .bind("id", schedule)
                        .map((rs, ctx) -> new Execution(
                                rs.getTimestamp("slot_at").toInstant(),
                                rs.getObject("job_id", UUID.class),
                                rs.getTimestamp("created_at").toInstant()))
                        .list());
    }

    private static List<Instant> slots(String schedule) {
        return executions(schedule).stream().map(Execution::slot).toList();
    }

    private static Instant nextRunAt(String schedule) {
        return Jdbi.create(DB.dataSource())
                .withHandle(h -> h.createQuery("select next_run_at from claw_schedules where id = cast(:id as uuid)")
                        .bind("id", schedule)
                        .mapTo(Timestamp.class)
                        .one()
                        .toInstant());
    }

    private static long count(String sql, String schedule) {
        return Jdbi.create(DB.dataSource()).withHandle(h -> h.createQuery(sql)
                .bind("id", schedule)
                .mapTo(Long.class)
                .one());
    }
}
