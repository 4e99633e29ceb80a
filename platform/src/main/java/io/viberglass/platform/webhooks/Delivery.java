package io.viberglass.platform.webhooks;

import io.viberglass.platform.integrations.IntegrationSystem;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.json.Json;

/**
 * A row of {@code webhook_deliveries}: one accepted delivery, its raw body as received and where its processing
 * stands.
 *
 * @param deliveryId the provider's id ({@code X-GitHub-Delivery}, …) or a hash of the body; unique per webhook
 * @param headers the event and delivery headers (never signatures or tokens)
 */
public record Delivery(
        UUID id,
        UUID configId,
        IntegrationSystem provider,
        String deliveryId,
        String eventType,
        DeliveryStatus status,
        String reason,
        @Json Map<String, String> headers,
        String body,
        int attempts,
        Instant nextAttemptAt,
        UUID ticketId,
        UUID jobId,
        Instant receivedAt,
        Instant processedAt,
        Instant updatedAt) {
    /** Without the body: a payload never ends up in a log line or an exception message by accident. */
    @Override
    public String toString() {
        return "Delivery[id=" + id + ", configId=" + configId + ", deliveryId=" + deliveryId + ", eventType="
                + eventType + ", status=" + status + ", attempts=" + attempts + "]";
    }
}
