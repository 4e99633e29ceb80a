package io.viberglass.platform.slack;

import io.viberglass.platform.tickets.WorkflowPhase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.json.Json;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Ticket threads and the outbox of what is still to be said in them. */
@RegisterConstructorMapper(SlackThread.class)
public interface SlackThreadDao {
    String COLUMNS =
            "id, ticket_id, team_id, channel_id, thread_ts, clanker_id, mode, chained_by, created_by, created_at, "
                    + "updated_at";

    @SqlUpdate("insert into chat_ticket_threads (" + COLUMNS + ") values (:id, :ticketId, :teamId, :channelId, "
            + ":threadTs, :clankerId, :mode, :chainedBy, :createdBy, :createdAt, :updatedAt)")
    void insert(@BindMethods SlackThread thread);

    @SqlQuery("select " + COLUMNS + " from chat_ticket_threads where ticket_id = :ticketId")
    Optional<SlackThread> byTicket(UUID ticketId);

    @SqlQuery("select " + COLUMNS + " from chat_ticket_threads where channel_id = :channelId and thread_ts = :threadTs")
    Optional<SlackThread> byThread(String channelId, String threadTs);

    @SqlQuery("select " + COLUMNS + " from chat_ticket_threads where id = :id")
    Optional<SlackThread> find(UUID id);

    @SqlUpdate("update chat_ticket_threads set thread_ts = :threadTs, updated_at = :now where id = :id")
    void opened(UUID id, String threadTs, Instant now);

    @SqlUpdate("update chat_ticket_threads set mode = :mode, updated_at = :now where id = :id")
    void mode(UUID id, WorkflowPhase mode, Instant now);

    @SqlUpdate("update chat_ticket_threads set chained_by = :actor, updated_at = :now where id = :id")
    void chain(UUID id, String actor, Instant now);

    // --- outbox ---

    @SqlUpdate("insert into slack_outbox (id, thread_id, kind, body, next_attempt_at, created_at) "
            + "values (:id, :threadId, :kind, cast(:bodyJson as jsonb), :now, :now)")
    void queue(UUID id, UUID threadId, String kind, String bodyJson, Instant now);

    /** A row of the outbox, due and at the head of its thread (nothing older in that thread is still pending). */
    record Outbound(UUID id, UUID threadId, String kind, @Json SlackPost body, int attempts) {}

    @SqlQuery("select o.id, o.thread_id, o.kind, o.body, o.attempts from slack_outbox o where o.status = 'pending' "
            + "and o.next_attempt_at <= :now and not exists (select 1 from slack_outbox e where e.thread_id = "
            + "o.thread_id and e.status = 'pending' and e.seq < o.seq) order by o.seq limit :limit for update of o "
            + "skip locked")
    @RegisterConstructorMapper(Outbound.class)
    List<Outbound> lockDue(Instant now, int limit);

    @SqlUpdate("update slack_outbox set status = 'sent', attempts = attempts + 1, sent_at = :now, last_error = null "
            + "where id = :id")
    void sent(UUID id, Instant now);

    @SqlUpdate("update slack_outbox set status = :status, attempts = attempts + :counted, next_attempt_at = :next, "
            + "last_error = :error where id = :id")
    void failed(UUID id, String status, int counted, Instant next, String error);

    record Pending(String kind, String status, int attempts, String lastError) {}

    @SqlQuery("select kind, status, attempts, last_error from slack_outbox where thread_id = :threadId order by seq")
    @RegisterConstructorMapper(Pending.class)
    List<Pending> history(UUID threadId);
}
