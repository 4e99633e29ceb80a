package io.viberglass.platform.feedback;

import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.json.JsonText;
import io.viberglass.platform.integrations.ConnectionResult;
import io.viberglass.platform.integrations.ConnectionTester;
import io.viberglass.platform.integrations.Integration;
import io.viberglass.platform.integrations.IntegrationService;
import io.viberglass.platform.integrations.IntegrationSystem;
import io.viberglass.platform.secrets.OwnedSecrets;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Test sends: a custom target gets a sample event, signed and authenticated as real ones are, sent once and kept in
 * its history; a provider target's token is checked against the provider, as the integration's connection test does.
 */
final class TestSends implements TargetService.TestSend {
    private final Jdbi jdbi;
    private final Clock clock;
    private final OwnedSecrets secrets;
    private final JsonText json;
    private final FeedbackSender custom;
    private final ConnectionTester tester;
    private final IntegrationService integrations;

    TestSends(
            Jdbi jdbi,
            Clock clock,
            OwnedSecrets secrets,
            JsonText json,
            FeedbackSender custom,
            ConnectionTester tester,
            IntegrationService integrations) {
        this.integrations = integrations;
        this.jdbi = jdbi;
        this.clock = clock;
        this.secrets = secrets;
        this.json = json;
        this.custom = custom;
        this.tester = tester;
    }

    @Override
    public ConnectionResult send(FeedbackTarget target, Integration integration, FeedbackEventType type) {
        SecretValue token;
        try {
            token = target.tokenSecretId() != null
                    ? secrets.read(target.tokenSecretId())
                    : integrations.token(integration).orElse(null);
        } catch (DomainException e) {
            return new ConnectionResult(false, e.getMessage(), null); // an expired credential, named
        }
        if (target.provider() != IntegrationSystem.CUSTOM) {
            return tester.test(integration, token);
        }
        Instant now = clock.instant();
        UUID jobId = UUID.randomUUID();
        FeedbackEvent event = new FeedbackEvent(
                type,
                now,
                target.projectId(),
                null,
                new FeedbackEvent.Job(jobId, null, "execution", "completed", null, "viberator/test", null),
                new FeedbackEvent.Result(true, "succeeded", null, null, null, 0L, List.of()),
                null);
        String body = json.write(event);
        UUID id = UUID.randomUUID();
        jdbi.useExtension(OutboxDao.class, dao -> dao.insert(id, target.id(), type, null, null, body, now));
        Attempt attempt;
        try {
            SecretValue signing = target.signingSecretId() == null ? null : secrets.read(target.signingSecretId());
            attempt = custom.send(new Outgoing(id, target, integration, event, body, token, signing));
        } catch (IOException e) {
            attempt = Attempt.retry(null, e.getClass().getSimpleName());
        }
        Attempt outcome = attempt;
        jdbi.useExtension(OutboxDao.class, dao -> {
            if (outcome.outcome() == Attempt.Outcome.DELIVERED) {
                dao.delivered(id, outcome.status(), null, clock.instant());
            } else {
                dao.dead(id, outcome.status(), outcome.note());
            }
        });
        boolean delivered = outcome.outcome() == Attempt.Outcome.DELIVERED;
        return new ConnectionResult(
                delivered, delivered ? "The target accepted the test event" : outcome.note(), outcome.status());
    }
}
