package io.viberglass.platform.sessions;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SQL for agent sessions, their turns, events and pending requests. Writers first take the session's row lock
 * ({@link #lock}), so every change to one session is serialized across platform instances.
 */
@RegisterConstructorMapper(AgentSession.class)
@RegisterConstructorMapper(AgentTurn.class)
@RegisterConstructorMapper(SessionEventRow.class)
@RegisterConstructorMapper(PendingRequest.class)
@RegisterConstructorMapper(SessionDao.Listed.class)
@RegisterConstructorMapper(SessionDao.Author.class)
public interface SessionDao {
    String SESSION = "id, project_id, ticket_id, clanker_id, mode, status, title, acp_session_id, last_job_id, "
            + "last_turn_id, latest_pending_request_id, event_sequence, turn_sequence, created_by, created_by_name, "
            + "created_at, updated_at, completed_at";
    String TURN = "id, session_id, role, status, sequence, content_markdown, job_id, user_id, user_name, "
            + "consumed_by_turn_id, started_at, completed_at, created_at, updated_at";
    String EVENT = "session_id, turn_id, job_id, sequence, event_type as type, payload, user_id, user_name, created_at";
    String REQUEST = "id, session_id, turn_id, job_id, request_type, status, prompt_markdown, request_json, "
            + "response_json, resolved_by, resolved_by_name, resolved_at, created_at, updated_at";

    // --- sessions ---

    @SqlUpdate("insert into agent_sessions (id, project_id, ticket_id, clanker_id, mode, status, title, created_by, "
            + "created_by_name, created_at, updated_at) values (:id, :projectId, :ticketId, :clankerId, :mode, "
            + "'active', :title, :createdBy, :createdByName, :now, :now)")
    void insertSession(
            UUID id,
            UUID projectId,
            UUID ticketId,
            UUID clankerId,
            String mode,
            String title,
            UUID createdBy,
            String createdByName,
            Instant now);

    @SqlQuery("select " + SESSION + " from agent_sessions where id = :id")
    Optional<AgentSession> find(UUID id);

    /** The session's row lock: every writer of a session's turns, events and requests takes it first. */
    @SqlQuery("select " + SESSION + " from agent_sessions where id = :id for update")
    Optional<AgentSession> lock(UUID id);

    /** A session with its project's slug and its ticket's title, for lists. */
    record Listed(
            UUID id,
            UUID projectId,
            String projectSlug,
            UUID ticketId,
            String ticketTitle,
            UUID clankerId,
            io.viberglass.common.job.JobKind mode,
            SessionStatus status,
            String title,
            UUID lastJobId,
            UUID createdBy,
            String createdByName,
            Instant createdAt,
            Instant updatedAt,
            Instant completedAt) {}

    @SqlQuery("select s.id, s.project_id, p.slug as project_slug, s.ticket_id, t.title as ticket_title, s.clanker_id, "
            + "s.mode, s.status, s.title, s.last_job_id, s.created_by, s.created_by_name, s.created_at, "
            + "s.updated_at, s.completed_at from agent_sessions s join projects p on p.id = s.project_id "
            + "join tickets t on t.id = s.ticket_id "
            + "where s.status = any(:statuses) and (cast(:projectId as uuid) is null or s.project_id = :projectId) "
            + "and (cast(:ticketId as uuid) is null or s.ticket_id = :ticketId) "
            + "and (cast(:viewer as uuid) is null or s.project_id in "
            + "(select m.project_id from project_members m where m.user_id = :viewer)) "
            + "order by s.updated_at desc, s.id limit :limit")
    List<Listed> list(List<String> statuses, UUID projectId, UUID ticketId, UUID viewer, int limit);

    @SqlUpdate("update agent_sessions set status = :status, updated_at = :now, completed_at = case when "
            + "cast(:status as text) in ('completed', 'failed', 'cancelled') then cast(:now as timestamptz) else null "
            + "end where id = :id")
    void setStatus(UUID id, String status, Instant now);

    @SqlUpdate("update agent_sessions set latest_pending_request_id = :requestId, updated_at = :now where id = :id")
    void setPendingRequest(UUID id, UUID requestId, Instant now);

    @SqlUpdate("update agent_sessions set last_job_id = :jobId, last_turn_id = :turnId, updated_at = :now "
            + "where id = :id")
    void setLastTurn(UUID id, UUID jobId, UUID turnId, Instant now);

    @SqlUpdate("update agent_sessions set acp_session_id = :acpSessionId, updated_at = :now where id = :id")
    void setAcpSessionId(UUID id, String acpSessionId, Instant now);

    /** Reserves {@code count} event sequences; answers the last one (the first is {@code last - count + 1}). */
    @SqlQuery("update agent_sessions set event_sequence = event_sequence + :count where id = :id "
            + "returning event_sequence")
    long reserveEvents(UUID id, int count);

    @SqlQuery("update agent_sessions set turn_sequence = turn_sequence + 1 where id = :id returning turn_sequence")
    int reserveTurn(UUID id);

    // --- turns ---

    @SqlUpdate("insert into agent_turns (id, session_id, role, status, sequence, content_markdown, job_id, user_id, "
            + "user_name, started_at, completed_at, created_at, updated_at) values (:id, :sessionId, :role, "
            + ":status, :sequence, :content, :jobId, :userId, :userName, :startedAt, :completedAt, :now, :now)")
    void insertTurn(
            UUID id,
            UUID sessionId,
            String role,
            String status,
            int sequence,
            String content,
            UUID jobId,
            UUID userId,
            String userName,
            Instant startedAt,
            Instant completedAt,
            Instant now);

    @SqlQuery("select " + TURN + " from agent_turns where session_id = :sessionId order by sequence")
    List<AgentTurn> turns(UUID sessionId);

    @SqlQuery("select " + TURN + " from agent_turns where id = :id")
    Optional<AgentTurn> turn(UUID id);

    @SqlQuery("select " + TURN + " from agent_turns where job_id = :jobId")
    Optional<AgentTurn> turnOfJob(UUID jobId);

    /** User messages no assistant turn has taken yet, oldest first. */
    @SqlQuery("select " + TURN + " from agent_turns where session_id = :sessionId and role = 'user' "
            + "and consumed_by_turn_id is null order by sequence")
    List<AgentTurn> waitingMessages(UUID sessionId);

    @SqlUpdate("update agent_turns set consumed_by_turn_id = :turnId, updated_at = :now "
            + "where id = any(:ids) and consumed_by_turn_id is null")
    int consume(List<UUID> ids, UUID turnId, Instant now);

    @SqlUpdate("update agent_turns set job_id = :jobId, updated_at = :now where id = :id")
    void setTurnJob(UUID id, UUID jobId, Instant now);

    /** Moves a turn on from one of {@code from}; answers 0 when it was elsewhere already. */
    @SqlUpdate("update agent_turns set status = :status, updated_at = :now, "
            + "started_at = coalesce(started_at, case when cast(:status as text) = 'running' "
            + "then cast(:now as timestamptz) end), completed_at = case when cast(:status as text) in "
            + "('completed', 'failed', 'cancelled') then cast(:now as timestamptz) else completed_at end "
            + "where id = :id and status = any(:from)")
    int moveTurn(UUID id, String status, List<String> from, Instant now);

    /** Users who wrote in the session, with the time of their last message. */
    record Author(UUID userId, String name, Instant lastActiveAt) {}

    @SqlQuery("select user_id, max(user_name) as name, max(created_at) as last_active_at from agent_turns "
            + "where session_id = :sessionId and role = 'user' and user_id is not null group by user_id "
            + "order by min(sequence)")
    List<Author> authors(UUID sessionId);

    // --- events ---

    @SqlUpdate("insert into agent_session_events (session_id, turn_id, job_id, sequence, event_type, payload, "
            + "user_id, user_name, created_at) values (:sessionId, :turnId, :jobId, :sequence, :type, "
            + "cast(:payload as jsonb), :userId, :userName, :now)")
    void insertEvent(
            UUID sessionId,
            UUID turnId,
            UUID jobId,
            long sequence,
            String type,
            String payload,
            UUID userId,
            String userName,
            Instant now);

    @SqlQuery("select " + EVENT + " from agent_session_events where session_id = :sessionId "
            + "and sequence > :afterSequence order by sequence limit :limit")
    List<SessionEventRow> eventsAfter(UUID sessionId, long afterSequence, int limit);

    @SqlQuery("select * from (select " + EVENT + " from agent_session_events where session_id = :sessionId "
            + "order by sequence desc limit :limit) latest order by sequence")
    List<SessionEventRow> latestEvents(UUID sessionId, int limit);

    // --- pending requests ---

    @SqlUpdate("insert into agent_pending_requests (id, session_id, turn_id, job_id, request_type, status, "
            + "prompt_markdown, request_json, created_at, updated_at) values (:id, :sessionId, :turnId, :jobId, "
            + ":type, 'open', :prompt, cast(:requestJson as jsonb), :now, :now)")
    void insertRequest(
            UUID id,
            UUID sessionId,
            UUID turnId,
            UUID jobId,
            String type,
            String prompt,
            String requestJson,
            Instant now);

    @SqlQuery("select " + REQUEST + " from agent_pending_requests where id = :id")
    Optional<PendingRequest> request(UUID id);

    @SqlQuery("select " + REQUEST + " from agent_pending_requests where session_id = :sessionId and status = 'open'")
    Optional<PendingRequest> openRequest(UUID sessionId);

    @SqlUpdate("update agent_pending_requests set status = 'resolved', response_json = cast(:response as jsonb), "
            + "resolved_by = :userId, resolved_by_name = :userName, resolved_at = :now, updated_at = :now "
            + "where id = :id and status = 'open'")
    int resolve(UUID id, String response, UUID userId, String userName, Instant now);

    /** Closes the session's open request, whatever it asks (the session was cancelled). */
    @SqlQuery("update agent_pending_requests set status = 'cancelled', resolved_at = :now, updated_at = :now "
            + "where session_id = :sessionId and status = 'open' returning id")
    List<UUID> cancelOpen(UUID sessionId, Instant now);

    /** Closes the permission request a job's agent was waiting on when the job ended: nobody can answer it any more. */
    @SqlQuery("update agent_pending_requests set status = 'cancelled', resolved_at = :now, updated_at = :now "
            + "where session_id = :sessionId and job_id = :jobId and request_type = 'approval' and status = 'open' "
            + "returning id")
    List<UUID> cancelOpenApprovals(UUID sessionId, UUID jobId, Instant now);

    // --- conversation state ---

    @SqlUpdate("insert into agent_session_states (session_id, job_id, size_bytes, content, updated_at) values "
            + "(:sessionId, :jobId, :size, :content, :now) on conflict (session_id) do update set "
            + "job_id = excluded.job_id, size_bytes = excluded.size_bytes, content = excluded.content, "
            + "updated_at = excluded.updated_at")
    void saveState(UUID sessionId, UUID jobId, long size, byte[] content, Instant now);

    @SqlQuery("select content from agent_session_states where session_id = :sessionId")
    Optional<byte[]> state(UUID sessionId);

    @SqlQuery("select exists (select 1 from agent_session_states where session_id = :sessionId)")
    boolean hasState(UUID sessionId);
}
