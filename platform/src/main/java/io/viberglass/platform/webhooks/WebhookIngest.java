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

    /** One pooled connection for the whole delivery: lookup, secret, (rejection count or) insert. */
    public Result ingest(Incoming incoming) {
        if (incoming.contentLength() > settings.getMaxBodyBytes()) {
            throw tooLarge();
        }
        IntegrationSystem provider = provider(incoming.provider());
        UUID configId = parse(incoming.configId());
        if (provider == null || configId == null) {
            throw notFound();
        }
        return jdbi.withHandle(handle -> {
            InboundConfig config = handle.attach(InboundConfigDao.class)
                    .find(configId)
                    .filter(found -> found.provider() == provider)
                    .orElseThrow(WebhookIngest::notFound);
            byte[] body = read(incoming.body());
            SecretValue secret = secrets.read(handle, config.secretId());
            Signatures.Verdict verdict = Signatures.verify(provider, config, secret, incoming.headers(), body);
            if (!verdict.valid()) {
                rejected.inc();
                handle.attach(InboundConfigDao.class).countRejected(config.id(), clock.instant());
                LOG.info("Rejected a {} delivery for webhook {}: {}", provider.wire(), config.id(), verdict.reason());
                throw new DomainException(
                        ErrorKind.UNAUTHORIZED, "WEBHOOK_SIGNATURE_INVALID", "Webhook rejected: " + verdict.reason());
            }
            return store(handle, config, incoming, body);
        });
    }

    private Result store(org.jdbi.v3.core.Handle handle, InboundConfig config, Incoming incoming, byte[] body) {
        String deliveryId = DeliveryIds.deliveryId(config.provider(), incoming.headers(), body);
        String headerEvent = DeliveryIds.headerEvent(config.provider(), incoming.headers());
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
                new String(body, StandardCharsets.UTF_8),
                0,
                status == DeliveryStatus.RECEIVED ? now : null,
                null,
                null,
                now,
                status.isFinal() ? now : null,
                now);
        DeliveryDao deliveries = handle.attach(DeliveryDao.class);
        Optional<UUID> stored = deliveries.insert(delivery, json.write(delivery.headers()));
        if (stored.isEmpty()) {
            UUID existing = deliveries.existing(config.id(), deliveryId).orElseThrow();
            return new Result(
                    Outcome.DUPLICATE, existing, deliveryId, "Delivery " + deliveryId + " was already received");
        }
        if (outcome == Outcome.ACCEPTED) {
            wake.run();
        }
        return new Result(outcome, delivery.id(), deliveryId, reason);
    }

    private static IntegrationSystem provider(String provider) {
        return Arrays.stream(IntegrationSystem.values())
                .filter(candidate -> candidate.wire().equals(provider) && candidate.supportsWebhooks())
                .findFirst()
                .orElse(null);
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
