package io.viberglass.platform.webhooks;

import io.dropwizard.lifecycle.Managed;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.errors.ErrorKind;
import io.viberglass.platform.infra.lifecycle.PollingLoop;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works through stored deliveries: each replica claims due ones ({@code FOR UPDATE SKIP LOCKED}, with a lease that
 * hands a delivery to another replica if this one dies), processes it and records the outcome. Failures that may pass
 * (a run already in flight, the database, a provider) are retried with capped doubling delays up to the attempt limit;
 * failures that will not (a malformed body, a missing runner) fail at once. Nothing lives only in memory: a restart
 * resumes from the table.
 */
public class DeliveryProcessor implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryProcessor.class);
    /** Domain failures that another attempt may get past. */
    private static final Set<String> TRANSIENT_CODES = Set.of("RUN_IN_PROGRESS", "SECRET_UNAVAILABLE");

    private final Jdbi jdbi;
    private final Clock clock;
    private final WebhookSettings settings;
    private final DeliveryHandler handler;
    private final PollingLoop loop = new PollingLoop("webhook-deliveries", this::drainQuietly);

    DeliveryProcessor(Jdbi jdbi, Clock clock, WebhookSettings settings, DeliveryHandler handler) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.settings = settings;
        this.handler = handler;
    }

    @Override
    public void start() {
        loop.start(settings.getPollInterval().toJavaDuration());
    }

    @Override
    public void stop() throws InterruptedException {
        loop.stop(java.time.Duration.ofSeconds(10));
    }

    /** Processes soon, without waiting for the next poll (a delivery was just stored). */
    public void wake() {
        loop.wake();
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            LOG.warn("Processing webhook deliveries failed: {}", e.getMessage());
        }
    }

    /** Processes every due delivery; returns how many. */
    public int drain() {
        int processed = 0;
        while (processed < 500 && processOne()) {
            processed++;
        }
        return processed;
    }

    private boolean processOne() {
        Instant now = clock.instant();
        Instant lease = now.plusMillis(settings.getProcessingLease().toMilliseconds());
        Optional<Delivery> claimed = jdbi.withExtension(DeliveryDao.class, dao -> dao.claimDue(now, lease));
        if (claimed.isEmpty()) {
            return false;
        }
        Delivery delivery = claimed.get();
        Optional<InboundConfig> config =
                jdbi.withExtension(InboundConfigDao.class, dao -> dao.find(delivery.configId()));
        Handled handled;
        try {
            handled = config.isEmpty()
                    ? Handled.ignored(delivery.eventType(), "The webhook was deleted")
                    : handler.handle(delivery, config.get());
        } catch (DomainException e) {
            boolean retry = TRANSIENT_CODES.contains(e.code()) || e.kind() == ErrorKind.UNAVAILABLE;
            handled = retry ? null : Handled.failed(null, e.getMessage());
            if (retry) {
                retryOrFail(delivery, e.getMessage());
                return true;
            }
        } catch (RuntimeException e) {
            LOG.warn("Webhook delivery {} failed on attempt {}: {}", delivery.id(), delivery.attempts(), e.toString());
            retryOrFail(delivery, "Processing failed: " + e.getClass().getSimpleName());
            return true;
        }
        Handled outcome = handled;
        jdbi.useExtension(
                DeliveryDao.class,
                dao -> dao.finish(
                        delivery.id(),
                        outcome.status(),
                        outcome.reason(),
                        outcome.eventType(),
                        outcome.ticketId(),
                        outcome.jobId(),
                        clock.instant()));
        return true;
    }

    private void retryOrFail(Delivery delivery, String reason) {
        Instant now = clock.instant();
        if (delivery.attempts() >= settings.getMaxAttempts()) {
            jdbi.useExtension(
                    DeliveryDao.class,
                    dao -> dao.finish(
                            delivery.id(),
                            DeliveryStatus.FAILED,
                            reason + " (gave up after " + delivery.attempts() + " attempts)",
                            null,
                            null,
                            null,
                            now));
            return;
        }
        Instant next = now.plus(settings.backoff(delivery.attempts()));
        jdbi.useExtension(DeliveryDao.class, dao -> dao.retryLater(delivery.id(), reason, null, next, now));
    }
}
