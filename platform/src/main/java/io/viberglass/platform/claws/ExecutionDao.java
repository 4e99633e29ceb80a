package io.viberglass.platform.claws;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Claw executions and their outbound webhook deliveries. */
public interface ExecutionDao {
    String COLUMNS = "id, schedule_id, job_id, slot_at, status, started_at, completed_at, error_message, "
            + "pull_request_url, created_at";

    /** 1 when this instance won the slot; 0 when another already fired it. */
    @SqlUpdate("insert into claw_executions (id, schedule_id, job_id, slot_at, status, created_at) "
            + "values (:id, :scheduleId, :jobId, :slotAt, :status, :now) on conflict (schedule_id, slot_at) do nothing")
    int insert(UUID id, UUID scheduleId, UUID jobId, Instant slotAt, String status, Instant now);

    @SqlUpdate("update claw_executions set status = :status, started_at = coalesce(started_at, :startedAt), "
            + "completed_at = :completedAt, error_message = :error, pull_request_url = :pullRequestUrl "
            + "where id = :id")
    void update(UUID id, String status, Instant startedAt, Instant completedAt, String error, String pullRequestUrl);

    @SqlQuery("select " + COLUMNS + " from claw_executions where job_id = :jobId")
    @RegisterConstructorMapper(ClawExecution.class)
    Optional<ClawExecution> byJob(UUID jobId);

    @SqlQuery("select " + COLUMNS + " from claw_executions where id = :id")
    @RegisterConstructorMapper(ClawExecution.class)
    Optional<ClawExecution> find(UUID id);

    @SqlQuery("select " + COLUMNS + " from claw_executions where (cast(:scheduleId as uuid) is null "
            + "or schedule_id = :scheduleId) and (cast(:status as text) is null or status = :status)"
            + VISIBLE + " order by created_at desc, id limit :limit offset :offset")
    @RegisterConstructorMapper(ClawExecution.class)
    List<ClawExecution> list(UUID scheduleId, String status, UUID viewer, int limit, int offset);

    @SqlQuery("select status, count(*) from claw_executions where true" + VISIBLE + " group by status")
    @RegisterConstructorMapper(StatusCount.class)
    List<StatusCount> countByStatus(UUID viewer);

    /** Executions of schedules in projects {@code :viewer} belongs to (all for a null viewer). */
    String VISIBLE = " and (cast(:viewer as uuid) is null or schedule_id in (select s.id from claw_schedules s "
            + "where s.project_id in (select m.project_id from project_members m where m.user_id = :viewer)))";

    record StatusCount(String status, long count) {}

    // --- webhook deliveries ---

    @SqlUpdate("insert into claw_webhook_deliveries (id, execution_id, schedule_id, event, body, next_attempt_at, "
            + "created_at) values (:id, :executionId, :scheduleId, :event, :body, :now, :now)")
    void queueDelivery(UUID id, UUID executionId, UUID scheduleId, String event, String body, Instant now);

    @SqlQuery("select d.id, d.schedule_id, d.event, d.body, d.attempts from claw_webhook_deliveries d "
            + "where d.status = 'pending' and d.next_attempt_at <= :now order by d.next_attempt_at limit :limit "
            + "for update skip locked")
    @RegisterConstructorMapper(Delivery.class)
    List<Delivery> lockDueDeliveries(Instant now, int limit);

    record Delivery(UUID id, UUID scheduleId, String event, String body, int attempts) {}

    @SqlUpdate("update claw_webhook_deliveries set status = :status, attempts = attempts + 1, "
            + "next_attempt_at = :nextAttemptAt, last_error = :error, response_status = :responseStatus, "
            + "delivered_at = case when :status = 'delivered' then :now else delivered_at end where id = :id")
    void recordAttempt(
            UUID id, String status, Instant nextAttemptAt, String error, Integer responseStatus, Instant now);

    @SqlQuery("select event || ':' || status from claw_webhook_deliveries where execution_id = :executionId "
            + "order by created_at")
    List<String> deliveriesOf(UUID executionId);
}
