package io.viberglass.platform.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Delivery.class)
public interface DeliveryDao {
    String COLUMNS = "id, config_id, provider, delivery_id, event_type, status, reason, headers, body, attempts, "
            + "next_attempt_at, ticket_id, job_id, received_at, processed_at, updated_at";
    String SUMMARY = "id, config_id, provider, delivery_id, event_type, status, reason, headers, '' as body, attempts, "
            + "next_attempt_at, ticket_id, job_id, received_at, processed_at, updated_at";

    /** Stores a delivery unless the webhook already has one with the same delivery id; returns the new row's id. */
    @SqlQuery("insert into webhook_deliveries (id, config_id, provider, delivery_id, event_type, status, reason, "
            + "headers, body, attempts, next_attempt_at, received_at, processed_at, updated_at) values (:id, :configId, "
            + ":provider, :deliveryId, :eventType, :status, :reason, cast(:headersJson as jsonb), :body, 0, "
            + ":nextAttemptAt, :receivedAt, :processedAt, :receivedAt) "
            + "on conflict (config_id, delivery_id) do nothing returning id")
    Optional<UUID> insert(@BindMethods Delivery delivery, String headersJson);

    @SqlQuery("select id from webhook_deliveries where config_id = :configId and delivery_id = :deliveryId")
    Optional<UUID> existing(UUID configId, String deliveryId);

    @SqlQuery("select " + COLUMNS + " from webhook_deliveries where id = :id")
    Optional<Delivery> find(UUID id);

    /**
     * Takes the next due delivery for this replica: received ones, and processing ones whose lease ran out (their
     * replica died). The lease is the new due time, so a crash mid-way hands the delivery to another replica.
     */
    @SqlQuery(
            "update webhook_deliveries set status = 'processing', attempts = attempts + 1, next_attempt_at = :leaseUntil, "
                    + "updated_at = :now where id = (select id from webhook_deliveries where status in ('received', 'processing') "
                    + "and next_attempt_at <= :now order by next_attempt_at, id for update skip locked limit 1) "
                    + "returning " + COLUMNS)
    Optional<Delivery> claimDue(Instant now, Instant leaseUntil);

    @SqlUpdate(
            "update webhook_deliveries set status = :status, reason = :reason, event_type = coalesce(:eventType, event_type), "
                    + "ticket_id = coalesce(:ticketId, ticket_id), job_id = coalesce(:jobId, job_id), next_attempt_at = null, "
                    + "processed_at = :now, updated_at = :now where id = :id")
    void finish(
            UUID id, DeliveryStatus status, String reason, String eventType, UUID ticketId, UUID jobId, Instant now);

    @SqlUpdate(
            "update webhook_deliveries set status = 'received', reason = :reason, "
                    + "event_type = coalesce(:eventType, event_type), next_attempt_at = :next, updated_at = :now where id = :id")
    void retryLater(UUID id, String reason, String eventType, Instant next, Instant now);

    @SqlUpdate("update webhook_deliveries set ticket_id = :ticketId, updated_at = :now where id = :id")
    void recordTicket(UUID id, UUID ticketId, Instant now);

    @SqlUpdate("update webhook_deliveries set job_id = :jobId, updated_at = :now where id = :id")
    void recordJob(UUID id, UUID jobId, Instant now);

    /** A failed or ignored delivery goes back to the queue with fresh attempts; 0 when it was in neither state. */
    @SqlUpdate("update webhook_deliveries set status = 'received', attempts = 0, next_attempt_at = :now, "
            + "processed_at = null, updated_at = :now where id = :id and status in ('failed', 'ignored')")
    int requeue(UUID id, Instant now);

    @SqlQuery("select " + SUMMARY + " from webhook_deliveries where config_id = :configId "
            + "and (cardinality(cast(:statuses as text[])) = 0 or status = any(:statuses)) "
            + "order by received_at desc, id limit :limit offset :offset")
    List<Delivery> list(UUID configId, List<String> statuses, int limit, int offset);

    @SqlQuery("select count(*) from webhook_deliveries where config_id = :configId "
            + "and (cardinality(cast(:statuses as text[])) = 0 or status = any(:statuses))")
    long count(UUID configId, List<String> statuses);

    /** Deliveries per status of each webhook since {@code since}. */
    record StatusCount(UUID configId, DeliveryStatus status, long count) {}

    @SqlQuery("select config_id, status, count(*) as count from webhook_deliveries where received_at >= :since "
            + "group by config_id, status")
    @RegisterConstructorMapper(StatusCount.class)
    List<StatusCount> countsSince(Instant since);

    @SqlQuery("select " + SUMMARY + " from webhook_deliveries where status = 'failed' "
            + "order by updated_at desc, id limit :limit")
    List<Delivery> recentFailures(int limit);

    @SqlQuery("select count(*) from webhook_deliveries where status = 'failed'")
    long failedCount();
}
