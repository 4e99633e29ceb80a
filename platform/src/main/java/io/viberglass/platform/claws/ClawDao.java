package io.viberglass.platform.claws;

import io.viberglass.platform.access.ProjectScope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Claw templates and schedules. */
public interface ClawDao {
    String TEMPLATE = "id, project_id, name, description, clanker_id, task_instructions, instruction_files, "
            + "created_at, updated_at";
    String SCHEDULE = "id, project_id, template_id, name, description, schedule_type, interval_seconds, "
            + "cron_expression, timezone, active, next_run_at, last_run_at, run_count, failure_count, "
            + "consecutive_failures, auto_pause_after, paused_reason, webhook_url, webhook_secret_ciphertext, "
            + "webhook_secret_nonce, webhook_secret_key_id, webhook_events, created_at, updated_at";

    @SqlUpdate("insert into claw_task_templates (" + TEMPLATE + ") values (:id, :projectId, :name, :description, "
            + ":clankerId, :taskInstructions, cast(:filesJson as jsonb), :createdAt, :updatedAt)")
    void insertTemplate(@BindMethods ClawTemplate template, String filesJson);

    @SqlUpdate("update claw_task_templates set name = :name, description = :description, clanker_id = :clankerId, "
            + "task_instructions = :taskInstructions, instruction_files = cast(:filesJson as jsonb), "
            + "updated_at = :updatedAt where id = :id")
    void updateTemplate(@BindMethods ClawTemplate template, String filesJson);

    @SqlQuery("select " + TEMPLATE + " from claw_task_templates where id = :id")
    @RegisterConstructorMapper(ClawTemplate.class)
    Optional<ClawTemplate> template(UUID id);

    @SqlQuery("select " + TEMPLATE + " from claw_task_templates where (cast(:projectId as uuid) is null "
            + "or project_id = :projectId) and" + ProjectScope.FILTER
            + "order by created_at desc, id limit :limit offset :offset")
    @RegisterConstructorMapper(ClawTemplate.class)
    List<ClawTemplate> templates(UUID projectId, UUID viewer, int limit, int offset);

    @SqlQuery("select count(*) from claw_task_templates where" + ProjectScope.FILTER)
    long countTemplates(UUID viewer);

    @SqlQuery("select count(*) filter (where true) as total, count(*) filter (where active) as active "
            + "from claw_schedules where" + ProjectScope.FILTER)
    @RegisterConstructorMapper(ScheduleCounts.class)
    ScheduleCounts countSchedules(UUID viewer);

    record ScheduleCounts(long total, long active) {}

    @SqlUpdate("delete from claw_task_templates where id = :id")
    int deleteTemplate(UUID id);

    @SqlUpdate("insert into claw_schedules (" + SCHEDULE + ") values (:id, :projectId, :templateId, :name, "
            + ":description, :scheduleType, :intervalSeconds, :cronExpression, :timezone, :active, :nextRunAt, "
            + ":lastRunAt, :runCount, :failureCount, :consecutiveFailures, :autoPauseAfter, :pausedReason, "
            + ":webhookUrl, :webhookSecretCiphertext, :webhookSecretNonce, :webhookSecretKeyId, :webhookEvents, "
            + ":createdAt, :updatedAt)")
    void insertSchedule(@BindMethods ClawSchedule schedule);

    @SqlUpdate("update claw_schedules set name = :name, description = :description, schedule_type = :scheduleType, "
            + "interval_seconds = :intervalSeconds, cron_expression = :cronExpression, timezone = :timezone, "
            + "active = :active, next_run_at = :nextRunAt, auto_pause_after = :autoPauseAfter, "
            + "paused_reason = :pausedReason, consecutive_failures = :consecutiveFailures, webhook_url = :webhookUrl, "
            + "webhook_secret_ciphertext = :webhookSecretCiphertext, webhook_secret_nonce = :webhookSecretNonce, "
            + "webhook_secret_key_id = :webhookSecretKeyId, webhook_events = :webhookEvents, "
            + "updated_at = :updatedAt where id = :id")
    void updateSchedule(@BindMethods ClawSchedule schedule);

    @SqlQuery("select " + SCHEDULE + " from claw_schedules where id = :id")
    @RegisterConstructorMapper(ClawSchedule.class)
    Optional<ClawSchedule> schedule(UUID id);

    @SqlQuery("select " + SCHEDULE + " from claw_schedules where id = :id for update")
    @RegisterConstructorMapper(ClawSchedule.class)
    Optional<ClawSchedule> scheduleForUpdate(UUID id);

    /** Locks one due schedule that no other instance is firing right now. */
    @SqlQuery("select " + SCHEDULE + " from claw_schedules where id = :id and active and next_run_at <= :now "
            + "for update skip locked")
    @RegisterConstructorMapper(ClawSchedule.class)
    Optional<ClawSchedule> lockDue(UUID id, Instant now);

    @SqlQuery("select id from claw_schedules where active and next_run_at <= :now order by next_run_at limit :limit")
    List<UUID> due(Instant now, int limit);

    @SqlQuery("select " + SCHEDULE + " from claw_schedules where (cast(:projectId as uuid) is null "
            + "or project_id = :projectId) and (cast(:active as boolean) is null or active = :active) and"
            + ProjectScope.FILTER + "order by created_at desc, id limit :limit offset :offset")
    @RegisterConstructorMapper(ClawSchedule.class)
    List<ClawSchedule> schedules(UUID projectId, Boolean active, UUID viewer, int limit, int offset);

    @SqlUpdate("delete from claw_schedules where id = :id")
    int deleteSchedule(UUID id);

    @SqlUpdate(
            "update claw_schedules set next_run_at = :next, last_run_at = :slot, updated_at = :now " + "where id = :id")
    void advance(UUID id, Instant slot, Instant next, Instant now);

    @SqlUpdate("update claw_schedules set run_count = run_count + 1, consecutive_failures = 0, updated_at = :now "
            + "where id = :id")
    void recordSuccess(UUID id, Instant now);

    /** Counts a failure and pauses the schedule when it reaches its limit; returns whether it paused. */
    @SqlQuery("update claw_schedules set failure_count = failure_count + 1, "
            + "consecutive_failures = consecutive_failures + 1, "
            + "active = case when consecutive_failures + 1 >= auto_pause_after then false else active end, "
            + "paused_reason = case when consecutive_failures + 1 >= auto_pause_after "
            + "then 'Paused after ' || (consecutive_failures + 1) || ' failed runs in a row' else paused_reason end, "
            + "updated_at = :now where id = :id returning not active")
    boolean recordFailure(UUID id, Instant now);
}
