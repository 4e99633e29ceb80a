package io.viberglass.platform.webhooks;

import io.viberglass.platform.infra.api.Page;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.integrations.IntegrationSystem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** The delivery log of a webhook, redelivery of failed or ignored deliveries, and the operational status. */
public class DeliveryService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final InboundConfigService configs;
    private final Runnable wake;

    public DeliveryService(Jdbi jdbi, Clock clock, InboundConfigService configs, Runnable wake) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.configs = configs;
        this.wake = wake;
    }

    public Page<DeliveryView> list(
            UUID integrationId, UUID configId, List<DeliveryStatus> statuses, int limit, int offset) {
        configs.find(integrationId, configId);
        List<String> wires = statuses.stream().map(DeliveryStatus::wire).toList();
        return jdbi.inTransaction(handle -> {
            DeliveryDao dao = handle.attach(DeliveryDao.class);
            return Page.of(dao.list(configId, wires, limit, offset), limit, offset, dao.count(configId, wires))
                    .map(DeliveryView::summary);
        });
    }

    public DeliveryView get(UUID integrationId, UUID configId, UUID id) {
        Delivery delivery = find(integrationId, configId, id);
        return DeliveryView.of(delivery, delivery.body());
    }

    /** Puts a failed or ignored delivery back in the queue, as if it had just arrived (its signature was checked then). */
    public DeliveryView redeliver(UUID integrationId, UUID configId, UUID id) {
        Delivery delivery = find(integrationId, configId, id);
        if (delivery.status() == DeliveryStatus.PROCESSED) {
            throw DomainException.conflict(
                    "DELIVERY_ALREADY_PROCESSED",
                    "Delivery " + delivery.deliveryId() + " was processed; nothing to redo");
        }
        if (!delivery.status().isFinal()) {
            throw DomainException.conflict(
                    "DELIVERY_IN_PROGRESS", "Delivery " + delivery.deliveryId() + " is still waiting to be processed");
        }
        if (jdbi.withExtension(DeliveryDao.class, dao -> dao.requeue(id, clock.instant())) == 0) {
            throw DomainException.conflict(
                    "DELIVERY_IN_PROGRESS", "Delivery " + delivery.deliveryId() + " changed meanwhile");
        }
        wake.run();
        return DeliveryView.summary(
                jdbi.withExtension(DeliveryDao.class, dao -> dao.find(id)).orElseThrow());
    }

    public WebhookStatus status(Duration window) {
        Instant since = clock.instant().minus(window);
        return jdbi.inTransaction(handle -> {
            DeliveryDao deliveries = handle.attach(DeliveryDao.class);
            Map<UUID, Map<DeliveryStatus, Long>> counts = new HashMap<>();
            for (DeliveryDao.StatusCount count : deliveries.countsSince(since)) {
                counts.computeIfAbsent(count.configId(), id -> new EnumMap<>(DeliveryStatus.class))
                        .put(count.status(), count.count());
            }
            Map<IntegrationSystem, WebhookStatus.Counts> providers = new EnumMap<>(IntegrationSystem.class);
            List<WebhookStatus.ConfigStatus> webhooks = handle.attach(InboundConfigDao.class).all().stream()
                    .map(config -> {
                        Map<DeliveryStatus, Long> byStatus = counts.getOrDefault(config.id(), Map.of());
                        WebhookStatus.Counts total = WebhookStatus.Counts.of(
                                byStatus.values().stream()
                                        .mapToLong(Long::longValue)
                                        .sum(),
                                byStatus.getOrDefault(DeliveryStatus.PROCESSED, 0L),
                                byStatus.getOrDefault(DeliveryStatus.IGNORED, 0L),
                                byStatus.getOrDefault(DeliveryStatus.FAILED, 0L));
                        providers.merge(config.provider(), total, WebhookStatus.Counts::plus);
                        return new WebhookStatus.ConfigStatus(
                                config.id(),
                                config.integrationId(),
                                config.provider(),
                                config.projectId(),
                                config.active(),
                                total,
                                config.rejectedCount(),
                                config.rejectedAt());
                    })
                    .toList();
            return new WebhookStatus(
                    "operational",
                    since,
                    providers,
                    webhooks,
                    new WebhookStatus.Failures(
                            deliveries.failedCount(),
                            deliveries.recentFailures(10).stream()
                                    .map(DeliveryView::summary)
                                    .toList()));
        });
    }

    private Delivery find(UUID integrationId, UUID configId, UUID id) {
        configs.find(integrationId, configId);
        return jdbi.withExtension(DeliveryDao.class, dao -> dao.find(id))
                .filter(delivery -> delivery.configId().equals(configId))
                .orElseThrow(() -> DomainException.notFound("DELIVERY_NOT_FOUND", "Delivery " + id + " not found"));
    }
}
