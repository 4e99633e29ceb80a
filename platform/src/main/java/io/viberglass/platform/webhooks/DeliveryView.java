package io.viberglass.platform.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.viberglass.platform.integrations.IntegrationSystem;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A delivery in the log; {@code body} only in the single-delivery view. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(
        UUID id,
        UUID webhookConfigId,
        IntegrationSystem provider,
        String deliveryId,
        String eventType,
        DeliveryStatus status,
        String reason,
        boolean retryable,
        int attempts,
        Instant nextAttemptAt,
        UUID ticketId,
        UUID jobId,
        Map<String, String> headers,
        String body,
        Instant receivedAt,
        Instant processedAt) {

    static DeliveryView summary(Delivery delivery) {
        return of(delivery, null);
    }

    static DeliveryView of(Delivery delivery, String body) {
        return new DeliveryView(
                delivery.id(),
                delivery.configId(),
                delivery.provider(),
                delivery.deliveryId(),
                delivery.eventType(),
                delivery.status(),
                delivery.reason(),
                delivery.status() == DeliveryStatus.FAILED || delivery.status() == DeliveryStatus.IGNORED,
                delivery.attempts(),
                delivery.nextAttemptAt(),
                delivery.ticketId(),
                delivery.jobId(),
                delivery.headers(),
                body,
                delivery.receivedAt(),
                delivery.processedAt());
    }
}
