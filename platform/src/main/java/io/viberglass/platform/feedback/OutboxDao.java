package io.viberglass.platform.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(OutboxEntry.class)
public interface OutboxDao {
    String COLUMNS = "id, target_id, event_type, ticket_id, job_id, body, status, attempts, next_attempt_at, "
            + "last_error, response_status, delivered_at, created_at";

    @SqlUpdate("insert into feedback_outbox (id, target_id, event_type, ticket_id, job_id, body, status, attempts, "
            + "next_attempt_at, created_at) values (:id, :targetId, :eventType, :ticketId, :jobId, :body, 'pending', 0, "
            + ":now, :now)")
    void insert(
            UUID id, UUID targetId, FeedbackEventType eventType, UUID ticketId, UUID jobId, String body, Instant now);

    /**
     * Takes the next due row and leases it to this replica: its next attempt moves to the lease's end, so a replica
     * that dies mid-send hands it on. Rows for the same target and ticket go in the order they were written.
     */
    @SqlQuery("update feedback_outbox set attempts = attempts + 1, next_attempt_at = :leaseUntil where id = ("
            + "select o.id from feedback_outbox o where o.status = 'pending' and o.next_attempt_at <= :now "
            + "and not exists (select 1 from feedback_outbox e where e.status = 'pending' and e.target_id = o.target_id "
            + "and e.ticket_id is not distinct from o.ticket_id and (e.created_at, e.id) < (o.created_at, o.id)) "
            + "order by o.next_attempt_at, o.id for update skip locked limit 1) returning " + COLUMNS)
    Optional<OutboxEntry> claimDue(Instant now, Instant leaseUntil);

    @SqlUpdate("update feedback_outbox set status = 'delivered', delivered_at = :now, response_status = :status, "
            + "last_error = :note where id = :id")
    void delivered(UUID id, Integer status, String note, Instant now);

    @SqlUpdate("update feedback_outbox set next_attempt_at = :next, response_status = :status, last_error = :error "
            + "where id = :id")
    void retryAt(UUID id, Instant next, Integer status, String error);

    @SqlUpdate(
            "update feedback_outbox set status = 'dead', response_status = :status, last_error = :error where id = :id")
    void dead(UUID id, Integer status, String error);

    @SqlQuery("select " + COLUMNS + " from feedback_outbox where target_id = :targetId "
            + "order by created_at desc, id limit :limit offset :offset")
    List<OutboxEntry> history(UUID targetId, int limit, int offset);

    @SqlQuery("select count(*) from feedback_outbox where target_id = :targetId")
    long count(UUID targetId);

    /** Whether an earlier run of the ticket already reported this pull request (only the first opening is news). */
    @SqlQuery("select exists (select 1 from jobs where ticket_id = :ticketId and id <> :jobId "
            + "and pull_request_url = :url)")
    boolean pullRequestKnown(UUID ticketId, UUID jobId, String url);
}
