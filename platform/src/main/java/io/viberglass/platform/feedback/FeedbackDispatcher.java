package io.viberglass.platform.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.lifecycle.Managed;
import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.lifecycle.PollingLoop;
import io.viberglass.platform.integrations.Integration;
import io.viberglass.platform.integrations.IntegrationDao;
import io.viberglass.platform.integrations.IntegrationService;
import io.viberglass.platform.integrations.IntegrationSystem;
import io.viberglass.platform.secrets.OwnedSecrets;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works the outbox: claims a due row under a lease (so replicas never send the same row at once, and a crash mid-send
 * hands it on), sends it, and records the outcome: delivered, retried after the target's capped doubling back-off, or
 * dead after its last attempt or a refusal that retrying cannot fix. Credentials are read for each attempt and never
 * logged.
 */
public class FeedbackDispatcher implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackDispatcher.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final FeedbackSettings settings;
    private final OwnedSecrets secrets;
    private final IntegrationService integrations;
    private final ObjectMapper mapper;
    private final Map<IntegrationSystem, FeedbackSender> senders;
    private final PollingLoop loop = new PollingLoop("feedback-outbox", this::drainQuietly);

    FeedbackDispatcher(
            Jdbi jdbi,
            Clock clock,
            FeedbackSettings settings,
            OwnedSecrets secrets,
            IntegrationService integrations,
            ObjectMapper mapper,
            Map<IntegrationSystem, FeedbackSender> senders) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.settings = settings;
        this.secrets = secrets;
        this.integrations = integrations;
        this.mapper = mapper;
        this.senders = Map.copyOf(senders);
    }

    @Override
    public void start() {
        loop.start(settings.getPollInterval().toJavaDuration());
    }

    @Override
    public void stop() throws InterruptedException {
        loop.stop(java.time.Duration.ofSeconds(15));
    }

    /** Sends soon, without waiting for the next poll (rows were just committed). */
    public void wake() {
        loop.wake();
    }

    private void drainQuietly() {
        try {
            int sent = 0;
            while (sent < 200 && sendOne()) {
                sent++;
            }
        } catch (RuntimeException e) {
            LOG.warn("Sending feedback failed: {}", e.getMessage());
        }
    }

    /** Sends the next due row, if any; returns whether there was one. */
    boolean sendOne() {
        Instant now = clock.instant();
        Instant lease = now.plusMillis(settings.getLease().toMilliseconds());
        Optional<OutboxEntry> claimed = jdbi.withExtension(OutboxDao.class, dao -> dao.claimDue(now, lease));
        if (claimed.isEmpty()) {
            return false;
        }
        OutboxEntry entry = claimed.get();
        Optional<FeedbackTarget> target = jdbi.withExtension(TargetDao.class, dao -> dao.find(entry.targetId()));
        if (target.isEmpty() || !target.get().active()) {
            record(entry, target.orElse(null), Attempt.dead(null, "The target was deactivated"));
            return true;
        }
        record(entry, target.get(), attempt(entry, target.get()));
        return true;
    }

    private Attempt attempt(OutboxEntry entry, FeedbackTarget target) {
        try {
            Integration integration = jdbi.withExtension(IntegrationDao.class, dao -> dao.find(target.integrationId()))
                    .orElseThrow();
            FeedbackEvent event = mapper.readValue(entry.body(), FeedbackEvent.class);
            SecretValue token = target.tokenSecretId() != null
                    ? secrets.read(target.tokenSecretId())
                    : integrations.token(integration).orElse(null);
            SecretValue signing = target.signingSecretId() == null ? null : secrets.read(target.signingSecretId());
            return senders.get(target.provider())
                    .send(new Outgoing(entry.id(), target, integration, event, entry.body(), token, signing));
        } catch (IOException e) {
            return Attempt.retry(
                    null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (DomainException e) {
            // an expired credential: the message names it and says what to do
            return Attempt.retry(null, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn(
                    "Feedback {} to target {} failed: {}",
                    entry.id(),
                    target.id(),
                    e.getClass().getSimpleName());
            return Attempt.retry(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void record(OutboxEntry entry, FeedbackTarget target, Attempt attempt) {
        Instant now = clock.instant();
        String note = attempt.note() == null ? null : truncate(attempt.note());
        jdbi.useExtension(OutboxDao.class, dao -> {
            switch (attempt.outcome()) {
                case DELIVERED -> dao.delivered(entry.id(), attempt.status(), note, now);
                case DEAD -> dao.dead(entry.id(), attempt.status(), note);
                case RETRY -> {
                    if (target == null || entry.attempts() >= target.maxAttempts()) {
                        dao.dead(
                                entry.id(),
                                attempt.status(),
                                note + " (gave up after " + entry.attempts() + " attempts)");
                    } else {
                        dao.retryAt(entry.id(), now.plus(target.backoff(entry.attempts())), attempt.status(), note);
                    }
                }
            }
        });
    }

    private static String truncate(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }
}
