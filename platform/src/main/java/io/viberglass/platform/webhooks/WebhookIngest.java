package io.viberglass.platform.webhooks;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.errors.ErrorKind;
import io.viberglass.platform.infra.json.JsonText;
import io.viberglass.platform.integrations.IntegrationSystem;
import io.viberglass.platform.secrets.OwnedSecrets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts a delivery in the order that keeps bad input cheap and harmless: body size, webhook lookup, signature on the
 * raw bytes, then (only for signed bodies) a JSON check and one insert that deduplicates by delivery id. Processing
 * happens later, from the stored row.
 */
public class WebhookIngest {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookIngest.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final OwnedSecrets secrets;
    private final ObjectMapper mapper;
    private final JsonText json;
    private final WebhookSettings settings;
    private final Runnable wake;
    private final Counter rejected;

    public WebhookIngest(
            Jdbi jdbi,
            Clock clock,
            OwnedSecrets secrets,
            ObjectMapper mapper,
            WebhookSettings settings,
            Runnable wake,
            MetricRegistry metrics) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.secrets = secrets;
        this.mapper = mapper;
        this.json = new JsonText(mapper);
        this.settings = settings;
        this.wake = wake;
        this.rejected = metrics.counter("webhooks.rejected");
    }

    /** One delivery as it arrived: the route's provider and webhook id, its headers, its body. */
    public record Incoming(
            String provider, String configId, Function<String, String> headers, InputStream body, long contentLength) {}

    /** How a signed delivery was taken: stored for processing, stored as ignored or malformed, or a duplicate. */
    public enum Outcome {
        ACCEPTED,
        IGNORED,
        MALFORMED,
        DUPLICATE
    }

    public record Result(Outcome outcome, UUID id, String deliveryId, String reason) {}

    public Result ingest(Incoming incoming) {
        if (incoming.contentLength() > settings.getMaxBodyBytes()) {
            throw tooLarge();
        }
        InboundConfig config = config(incoming.provider(), incoming.configId());
        byte[] body = read(incoming.body());
        SecretValue secret = secrets.read(config.secretId());
        Signatures.Verdict verdict = Signatures.verify(config.provider(), config, secret, incoming.headers(), body);
        if (!verdict.valid()) {
            rejected.inc();
            jdbi.useExtension(InboundConfigDao.class, dao -> dao.countRejected(config.id(), clock.instant()));
            LOG.info(
                    "Rejected a {} delivery for webhook {}: {}",
                    config.provider().wire(),
                    config.id(),
                    verdict.reason());
            throw new DomainException(
                    ErrorKind.UNAUTHORIZED, "WEBHOOK_SIGNATURE_INVALID", "Webhook rejected: " + verdict.reason());
        }
        String deliveryId = DeliveryIds.deliveryId(config.provider(), incoming.headers(), body);
        String headerEvent = DeliveryIds.headerEvent(config.provider(), incoming.headers());
        String text = new String(body, StandardCharsets.UTF_8);
        Instant now = clock.instant();
        Outcome outcome = Outcome.ACCEPTED;
        String reason = null;
        if (!wellFormed(body)) {
            outcome = Outcome.MALFORMED;
            reason = "The body is not valid JSON";
        } else if (!config.active()) {
            outcome = Outcome.IGNORED;
            reason = "The webhook is inactive";
        } else if (!handledHeaderEvent(config.provider(), headerEvent)) {
            outcome = Outcome.IGNORED;
            reason = config.provider().label() + " event '" + headerEvent + "' is not handled";
        }
        DeliveryStatus status =
                switch (outcome) {
                    case ACCEPTED -> DeliveryStatus.RECEIVED;
                    case IGNORED -> DeliveryStatus.IGNORED;
                    default -> DeliveryStatus.FAILED;
                };
        Delivery delivery = new Delivery(
                UUID.randomUUID(),
                config.id(),
                config.provider(),
                deliveryId,
                headerEvent,
                status,
                reason,
                DeliveryIds.kept(config.provider(), incoming.headers()),
                text,
                0,
                status == DeliveryStatus.RECEIVED ? now : null,
                null,
                null,
                now,
                status.isFinal() ? now : null,
                now);
        Optional<UUID> stored =
                jdbi.withExtension(DeliveryDao.class, dao -> dao.insert(delivery, json.write(delivery.headers())));
        if (stored.isEmpty()) {
            UUID existing = jdbi.withExtension(DeliveryDao.class, dao -> dao.existing(config.id(), deliveryId))
                    .orElseThrow();
            return new Result(
                    Outcome.DUPLICATE, existing, deliveryId, "Delivery " + deliveryId + " was already received");
        }
        if (outcome == Outcome.ACCEPTED) {
            wake.run();
        }
        return new Result(outcome, delivery.id(), deliveryId, reason);
    }

    /** An unknown provider, a malformed id and an unknown webhook all look the same from outside. */
    private InboundConfig config(String provider, String configId) {
        Optional<IntegrationSystem> system = Arrays.stream(IntegrationSystem.values())
                .filter(candidate -> candidate.wire().equals(provider) && candidate.supportsWebhooks())
                .findFirst();
        UUID id = parse(configId);
        if (system.isEmpty() || id == null) {
            throw notFound();
        }
        return jdbi.withExtension(InboundConfigDao.class, dao -> dao.find(id))
                .filter(config -> config.provider() == system.get())
                .orElseThrow(WebhookIngest::notFound);
    }

    private byte[] read(InputStream in) {
        try (in) {
            byte[] body = in.readNBytes((int) settings.getMaxBodyBytes() + 1);
            if (body.length > settings.getMaxBodyBytes()) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            if (e instanceof io.viberglass.platform.infra.http.BodyTooLargeException) {
                throw tooLarge();
            }
            throw new UncheckedIOException(e);
        }
    }

    private boolean wellFormed(byte[] body) {
        try (var parser = mapper.getFactory().createParser(body)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (JacksonException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean handledHeaderEvent(IntegrationSystem provider, String event) {
        return switch (provider) {
            case GITHUB -> event != null && GitHubEvents.HANDLED.contains(event);
            case GITLAB -> event == null || GitLabEvents.HANDLED.contains(event);
            default -> true;
        };
    }

    private static UUID parse(String id) {
        try {
            return id == null || id.length() != 36 ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static DomainException notFound() {
        return DomainException.notFound("WEBHOOK_NOT_FOUND", "No webhook at this address");
    }

    private DomainException tooLarge() {
        return new DomainException(
                ErrorKind.TOO_LARGE,
                "WEBHOOK_BODY_TOO_LARGE",
                "Webhook bodies are limited to " + settings.getMaxBodyBytes() + " bytes");
    }
}
