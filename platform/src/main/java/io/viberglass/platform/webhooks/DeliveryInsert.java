package io.viberglass.platform.webhooks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The one statement of a webhook ingest: insert the delivery unless this webhook already has its delivery id
 * ({@code ON CONFLICT DO NOTHING RETURNING id}), in autocommit. Plain JDBC on a pooled connection: this is the hot path
 * of the ingest benchmark, and JDBI's per-statement machinery (config copies, mapper lookups, template rendering) cost
 * more than the statement itself there.
 */
final class DeliveryInsert {
    private static final String SQL =
            "insert into webhook_deliveries (id, config_id, provider, delivery_id, event_type, "
                    + "status, reason, headers, body, attempts, next_attempt_at, received_at, processed_at, updated_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, 0, ?, ?, ?, ?) "
                    + "on conflict (config_id, delivery_id) do nothing returning id";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    /** The webhook row is gone (deleted after it was cached). */
    static final class WebhookGone extends RuntimeException {
        WebhookGone() {
            super("the webhook no longer exists", null, false, false);
        }
    }

    private final Jdbi jdbi;

    DeliveryInsert(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The new row's id, or empty when the delivery id was already received. */
    Optional<UUID> insert(
            UUID id,
            InboundConfig config,
            String deliveryId,
            String eventType,
            DeliveryStatus status,
            String reason,
            String headersJson,
            String body,
            Instant now) {
        return jdbi.withHandle(handle -> {
            Connection connection = handle.getConnection();
            try (PreparedStatement insert = connection.prepareStatement(SQL)) {
                OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
                insert.setObject(1, id);
                insert.setObject(2, config.id());
                insert.setString(3, config.provider().wire());
                insert.setString(4, deliveryId);
                insert.setString(5, eventType);
                insert.setString(6, status.wire());
                insert.setString(7, reason);
                insert.setString(8, headersJson);
                insert.setString(9, body);
                if (status == DeliveryStatus.RECEIVED) {
                    insert.setObject(10, at);
                } else {
                    insert.setNull(10, Types.TIMESTAMP_WITH_TIMEZONE);
                }
                insert.setObject(11, at);
                if (status.isFinal()) {
                    insert.setObject(12, at);
                } else {
                    insert.setNull(12, Types.TIMESTAMP_WITH_TIMEZONE);
                }
                insert.setObject(13, at);
                try (ResultSet row = insert.executeQuery()) {
                    return row.next() ? Optional.of(row.getObject(1, UUID.class)) : Optional.<UUID>empty();
                }
            } catch (SQLException e) {
                if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
                    throw new WebhookGone();
                }
                throw new IllegalStateException("could not store a webhook delivery: " + e.getSQLState(), e);
            }
        });
    }
}
