package io.viberglass.platform.slack;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Which agent session a ticket thread talks to, and the part of its timeline the thread has not been told yet. */
public interface SlackSessionDao {
    @SqlUpdate("update chat_ticket_threads set session_id = :sessionId, session_cursor = 0, updated_at = :now "
            + "where id = :threadId")
    void bind(UUID threadId, UUID sessionId, Instant now);

    @SqlQuery("select session_id from chat_ticket_threads where id = :threadId and session_id is not null")
    Optional<UUID> session(UUID threadId);

    @SqlQuery("select id from chat_ticket_threads where session_id = :sessionId")
    Optional<UUID> threadOf(UUID sessionId);

    @SqlQuery("select status from agent_sessions where id = :sessionId")
    Optional<String> status(UUID sessionId);

    /** A thread whose session has events past the thread's cursor. */
    record Behind(UUID threadId, UUID sessionId, long sessionCursor) {}

    /** Threads behind their session, each locked so one replica tells it at a time. */
    @SqlQuery("select t.id as thread_id, t.session_id, t.session_cursor from chat_ticket_threads t "
            + "where t.session_id is not null and t.thread_ts is not null and exists (select 1 from "
            + "agent_session_events e where e.session_id = t.session_id and e.sequence > t.session_cursor) "
            + "order by t.updated_at limit :limit for update of t skip locked")
    @RegisterConstructorMapper(Behind.class)
    List<Behind> lockBehind(int limit);

    /** One timeline event as the thread needs it. */
    record Event(long sequence, String eventType, String payload, String userName) {}

    @SqlQuery("select sequence, event_type, payload::text as payload, user_name from agent_session_events "
            + "where session_id = :sessionId and sequence > :after order by sequence limit :limit")
    @RegisterConstructorMapper(Event.class)
    List<Event> eventsAfter(UUID sessionId, long after, int limit);

    @SqlUpdate("update chat_ticket_threads set session_cursor = :cursor where id = :threadId")
    void told(UUID threadId, long cursor);
}
