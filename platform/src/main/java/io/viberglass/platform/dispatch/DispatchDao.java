package io.viberglass.platform.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the dispatcher and the sweepers. */
public interface DispatchDao {
    /**
     * Queued jobs that fit their pools, oldest first. A job counts against its clanker and project pools from the
     * moment it is claimed until it finishes; within a pool, jobs are ranked by age, so a full pool blocks only its
     * own jobs and the rest keep FIFO order. A clanker paused for its provider's quota gets none of its jobs claimed
     * until the pause ends.
     */
    @SqlQuery("with running as ("
            + "  select clanker_id, project_id from jobs"
            + "  where status = 'active' or (status = 'queued' and claimed_at is not null)),"
            + " candidates as ("
            + "  select j.id, j.clanker_id, j.project_id, j.created_at,"
            + "   row_number() over (partition by j.clanker_id order by j.created_at, j.id) as clanker_rank,"
            + "   row_number() over (partition by j.project_id order by j.created_at, j.id) as project_rank"
            + "  from jobs j left join clanker_pauses p on p.clanker_id = j.clanker_id"
            + "  where j.status = 'queued' and j.claimed_at is null"
            + "   and (p.paused_until is null or p.paused_until <= :now)"
            + "   and (j.next_invocation_at is null or j.next_invocation_at <= :now))"
            + " select c.id from candidates c left join clankers k on k.id = c.clanker_id"
            + " where c.clanker_rank + (select count(*) from running r where r.clanker_id = c.clanker_id)"
            + "   <= coalesce(k.concurrency_limit, :defaultClankerLimit)"
            + "  and c.project_rank + (select count(*) from running r where r.project_id = c.project_id)"
            + "   <= :perProjectLimit"
            + " order by c.created_at, c.id limit :batch")
    List<UUID> claimable(Instant now, int defaultClankerLimit, int perProjectLimit, int batch);

    /** Tries the instance-wide claim lock for this transaction; another instance holding it is claiming right now. */
    @SqlQuery("select pg_try_advisory_xact_lock(727272)")
    boolean tryClaimLock();

    @SqlUpdate("update jobs set claimed_at = :now, claimed_by = :instance, callback_token_hash = :tokenHash, "
            + "updated_at = :now where id = :id and status = 'queued' and claimed_at is null")
    int claim(UUID id, String instance, String tokenHash, Instant now);

    @SqlUpdate("update jobs set dispatched_at = :now, invoker = :invoker, execution_id = :executionId, "
            + "invocation_attempts = invocation_attempts + 1, updated_at = :now "
            + "where id = :id and claimed_by = :instance and callback_token_hash = :tokenHash "
            + "and status in ('queued', 'active')")
    int recordDispatch(UUID id, String instance, String tokenHash, String invoker, String executionId, Instant now);

    /** Puts a claimed job back in the queue after a failed invocation, not before {@code retryAt}. */
    @SqlUpdate("update jobs set claimed_at = null, claimed_by = null, callback_token_hash = null, "
            + "invocation_attempts = invocation_attempts + 1, next_invocation_at = :retryAt, updated_at = :now "
            + "where id = :id and claimed_by = :instance and status = 'queued' and dispatched_at is null")
    int release(UUID id, String instance, Instant retryAt, Instant now);

    // --- sweepers ---

    /** Claims whose instance died before handing them to an invoker. */
    @SqlUpdate("update jobs set claimed_at = null, claimed_by = null, callback_token_hash = null, updated_at = :now "
            + "where status = 'queued' and dispatched_at is null and claimed_at < :before")
    int releaseStaleClaims(Instant before, Instant now);

    @SqlQuery("select id from jobs where status = 'queued' and dispatched_at < :before")
    List<UUID> neverStarted(Instant before);

    @SqlQuery("select id from jobs where status = 'active' and coalesce(last_heartbeat_at, started_at) < :before")
    List<UUID> silent(Instant before);

    /** Active jobs past their own time limit plus a margin. */
    @SqlQuery("select id from jobs where status = 'active' and started_at + make_interval(secs => "
            + "coalesce((payload -> 'settings' ->> 'maxExecutionTimeSeconds')::int, :defaultSeconds)) "
            + "+ make_interval(secs => :marginSeconds) < :now")
    List<UUID> overdue(Instant now, int defaultSeconds, long marginSeconds);

    /** Jobs handed to a runtime a while ago that have no result yet: the sweeper asks their runtime if they still run. */
    @SqlQuery("select id, status, invoker, execution_id, clanker_id from jobs where status in ('queued', 'active') "
            + "and execution_id is not null and clanker_id is not null and dispatched_at < :before "
            + "order by dispatched_at limit 1000")
    @RegisterConstructorMapper(Execution.class)
    List<Execution> unfinishedExecutions(Instant before);

    @SqlQuery("select id, status, invoker, execution_id, clanker_id from jobs where id = :id")
    @RegisterConstructorMapper(Execution.class)
    java.util.Optional<Execution> execution(UUID id);

    /** Where a dispatched job runs, for cancelling it. */
    record Execution(UUID id, String status, String invoker, String executionId, UUID clankerId) {}
}
