package io.viberglass.platform.jobs;

import io.viberglass.platform.access.ProjectScope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SQL for jobs. Every status change is a conditional UPDATE naming the states it may leave, so of two racing callers
 * exactly one sees a row updated; {@link JobLifecycle} turns "no row" into the right answer.
 */
@RegisterConstructorMapper(Job.class)
public interface JobDao {
    String COLUMNS = "id, kind, status, project_id, ticket_id, clanker_id, tenant_id, payload, attempt, retry_of, "
            + "callback_token_hash, claimed_at, claimed_by, dispatched_at, invocation_attempts, next_invocation_at, "
            + "invoker, execution_id, cancel_requested_at, result, failure_code, failure_summary, failure_detail, "
            + "failure_retryable, branch, commit_hash, pull_request_url, created_at, started_at, last_heartbeat_at, "
            + "finished_at, updated_at";

    String FILTER = " where (cast(:projectId as uuid) is null or project_id = :projectId)"
            + " and (cast(:ticketId as uuid) is null or ticket_id = :ticketId)"
            + " and (cast(:clankerId as uuid) is null or clanker_id = :clankerId)"
            + " and (cardinality(cast(:statuses as text[])) = 0 or status = any(:statuses))"
            + " and (cardinality(cast(:kinds as text[])) = 0 or kind = any(:kinds))"
            + " and" + ProjectScope.FILTER;

    @SqlUpdate("insert into jobs (id, kind, status, project_id, ticket_id, clanker_id, tenant_id, payload, attempt, "
            + "retry_of, created_at, updated_at) values (:id, :kind, 'queued', :projectId, :ticketId, :clankerId, "
            + ":tenantId, cast(:payloadJson as jsonb), :attempt, :retryOf, :createdAt, :createdAt)")
    void insert(
            UUID id,
            String kind,
            UUID projectId,
            UUID ticketId,
            UUID clankerId,
            String tenantId,
            String payloadJson,
            int attempt,
            UUID retryOf,
            Instant createdAt);

    @SqlQuery("select " + COLUMNS + " from jobs where id = :id")
    Optional<Job> find(UUID id);

    @SqlQuery("select " + COLUMNS + " from jobs where id = :id for update")
    Optional<Job> findForUpdate(UUID id);

    // --- transitions (the only writers of status) ---

    @SqlUpdate("update jobs set status = 'active', started_at = :now, last_heartbeat_at = :now, updated_at = :now "
            + "where id = :id and status = 'queued' and callback_token_hash = :tokenHash")
    int start(UUID id, String tokenHash, Instant now);

    @SqlUpdate("update jobs set status = 'completed', finished_at = :now, last_heartbeat_at = :now, updated_at = :now, "
            + "result = cast(:resultJson as jsonb), branch = :branch, commit_hash = :commitHash, "
            + "pull_request_url = :pullRequestUrl where id = :id and status = 'active'")
    int complete(UUID id, String resultJson, String branch, String commitHash, String pullRequestUrl, Instant now);

    @SqlUpdate("update jobs set status = 'failed', finished_at = :now, updated_at = :now, "
            + "result = coalesce(cast(:resultJson as jsonb), result), failure_code = :code, failure_summary = :summary, "
            + "failure_detail = :detail, failure_retryable = :retryable, branch = coalesce(:branch, branch) "
            + "where id = :id and status in ('queued', 'active')")
    int fail(
            UUID id,
            String resultJson,
            String code,
            String summary,
            String detail,
            boolean retryable,
            String branch,
            Instant now);

    @SqlUpdate(
            "update jobs set status = 'cancelled', finished_at = :now, cancel_requested_at = :now, updated_at = :now, "
                    + "failure_code = 'CANCELLED', failure_summary = :summary, failure_retryable = false "
                    + "where id = :id and status in ('queued', 'active')")
    int cancel(UUID id, String summary, Instant now);

    @SqlUpdate("update jobs set last_heartbeat_at = :now, updated_at = :now where id = :id and status = 'active'")
    int heartbeat(UUID id, Instant now);

    @SqlUpdate("delete from jobs where id = :id and status in ('completed', 'failed', 'cancelled')")
    int deleteFinished(UUID id);

    // --- reads ---

    @SqlQuery("select " + COLUMNS + " from jobs" + FILTER + " order by created_at desc, id limit :limit offset :offset")
    List<Job> list(
            UUID viewer,
            UUID projectId,
            UUID ticketId,
            UUID clankerId,
            List<String> statuses,
            List<String> kinds,
            int limit,
            int offset);

    @SqlQuery("select count(*) from jobs" + FILTER)
    long count(UUID viewer, UUID projectId, UUID ticketId, UUID clankerId, List<String> statuses, List<String> kinds);

    @SqlQuery("select count(*) filter (where status = 'queued' and claimed_at is null) as waiting, "
            + "count(*) filter (where status = 'queued' and claimed_at is not null) as dispatching, "
            + "count(*) filter (where status = 'active') as active, "
            + "count(*) filter (where status = 'completed') as completed, "
            + "count(*) filter (where status = 'failed') as failed, "
            + "count(*) filter (where status = 'cancelled') as cancelled, count(*) as total "
            + "from jobs where (cast(:projectId as uuid) is null or project_id = :projectId) and"
            + ProjectScope.FILTER)
    @RegisterConstructorMapper(QueueStats.class)
    QueueStats queueStats(UUID projectId, UUID viewer);

    // --- progress and logs ---

    @SqlUpdate("insert into job_progress (job_id, step, message, details, created_at) "
            + "values (:jobId, :step, :message, cast(:detailsJson as jsonb), :now)")
    void insertProgress(UUID jobId, String step, String message, String detailsJson, Instant now);

    @SqlQuery("select id, step, message, details, created_at from job_progress where job_id = :jobId "
            + "order by id desc limit :limit")
    @RegisterConstructorMapper(JobProgress.class)
    List<JobProgress> progress(UUID jobId, int limit);

    /** Takes a batch's number for its job; 0 when a batch with that number was stored before. */
    @SqlUpdate("insert into job_log_batches (job_id, sequence, line_count, received_at) "
            + "values (:jobId, :sequence, :lineCount, :now) on conflict do nothing")
    int claimLogBatch(UUID jobId, long sequence, int lineCount, Instant now);

    /**
     * Stores a batch of lines in one statement: the arrays are unnested in their order ({@code with ordinality}), so
     * the ids follow the order the worker sent. One statement with six array parameters instead of a JDBI batch with
     * six parameters per line: the per-line binding was the largest part of the ingest's CPU, and the statement-level
     * notify trigger then fires once per batch.
     */
    @SqlUpdate("insert into job_logs (job_id, level, message, source, logged_at, received_at) "
            + "select :jobId, line.level, line.message, line.source, line.logged_at, :receivedAt "
            + "from unnest(cast(:levels as varchar[]), cast(:messages as text[]), cast(:sources as varchar[]), "
            + "cast(:loggedAts as timestamptz[])) with ordinality as line (level, message, source, logged_at, n) "
            + "order by line.n")
    int insertLogs(
            UUID jobId, String[] levels, String[] messages, String[] sources, String[] loggedAts, Instant receivedAt);

    @SqlQuery("select * from (select id, level, message, source, logged_at from job_logs where job_id = :jobId "
            + "order by id desc limit :limit) last order by id")
    @RegisterConstructorMapper(JobLog.class)
    List<JobLog> logTail(UUID jobId, int limit);

    @SqlQuery("select id, level, message, source, logged_at from job_logs where job_id = :jobId and id > :afterId "
            + "order by id limit :limit")
    @RegisterConstructorMapper(JobLog.class)
    List<JobLog> logsAfter(UUID jobId, long afterId, int limit);

    @SqlQuery("select count(*) from job_logs where job_id = :jobId")
    long logCount(UUID jobId);
}
