package io.viberglass.platform.webhooks;

import io.viberglass.platform.integrations.IntegrationSystem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code GET /api/webhooks/status}: deliveries per webhook in a recent window, failure rates, recent failures. */
public record WebhookStatus(
        String status,
        Instant since,
        Map<IntegrationSystem, Counts> providers,
        List<ConfigStatus> webhooks,
        Failures failedDeliveries) {

    /** Deliveries by outcome; {@code failureRate} is failed / (processed + failed + ignored), 0 when none finished. */
    public record Counts(long received, long processed, long ignored, long failed, double failureRate) {
        static Counts of(long received, long processed, long ignored, long failed) {
            long finished = processed + ignored + failed;
            return new Counts(received, processed, ignored, failed, finished == 0 ? 0 : (double) failed / finished);
        }

        Counts plus(Counts other) {
            return of(
                    received + other.received,
                    processed + other.processed,
                    ignored + other.ignored,
                    failed + other.failed);
        }
    }

    public record ConfigStatus(
            UUID id,
            UUID integrationId,
            IntegrationSystem provider,
            UUID projectId,
            boolean active,
            Counts deliveries,
            long rejected,
            Instant lastRejectedAt) {}

    public record Failures(long count, List<DeliveryView> recent) {}
}
