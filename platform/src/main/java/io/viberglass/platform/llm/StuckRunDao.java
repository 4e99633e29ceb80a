package io.viberglass.platform.llm;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface StuckRunDao {
    /**
     * A running job and when its agent last said something (a line the worker forwarded from the agent's output), or
     * when it started if the agent never did.
     */
    record Running(
            UUID id,
            Instant lastOutputAt,
            Integer stuckAfterMinutes,
            Integer repeatedToolCallLimit,
            Instant stuckFlaggedAt,
            boolean loopingFlagged) {}

    @SqlQuery("select j.id, coalesce((select max(l.received_at) from job_logs l where l.job_id = j.id "
            + "and l.source like 'agent:%'), j.started_at) as last_output_at, c.stuck_after_minutes, "
            + "c.repeated_tool_call_limit, s.flagged_at as stuck_flagged_at, (f.job_id is not null) as looping_flagged "
            + "from jobs j left join clanker_cost_controls c on c.clanker_id = j.clanker_id "
            + "left join job_flags s on s.job_id = j.id and s.kind = 'stuck' "
            + "left join job_flags f on f.job_id = j.id and f.kind = 'looping' "
            + "where j.status = 'active' order by j.started_at limit 1000")
    @RegisterConstructorMapper(Running.class)
    List<Running> running();

    /** The job's latest tool calls as the worker logged them ({@code tool: <name> <summary>}), newest first. */
    @SqlQuery("select message from job_logs where job_id = :jobId and source like 'agent:%:stdout' "
            + "and message like 'tool: %' order by id desc limit :limit")
    List<String> latestToolCalls(UUID jobId, int limit);

    @SqlUpdate("insert into job_flags (job_id, kind, detail, flagged_at) values (:jobId, :kind, :detail, :now) "
            + "on conflict do nothing")
    int flag(UUID jobId, String kind, String detail, Instant now);

    @SqlUpdate("delete from job_flags where job_id = :jobId and kind = :kind")
    int clear(UUID jobId, String kind);
}
