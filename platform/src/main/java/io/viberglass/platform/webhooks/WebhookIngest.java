package io.viberglass.platform.webhooks;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private final InboundConfigCache cache;
    private final DeliveryInsert deliveries;

    public WebhookIngest(
            Jdbi jdbi,
            Clock clock,
            OwnedSecrets secrets,
            ObjectMapper mapper,
            WebhookSettings settings,
            Runnable wake,
            MetricRegistry metrics,
            InboundConfigCache cache) {
        this.cache = cache;
        this.deliveries = new DeliveryInsert(jdbi);
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

    /**
     * The webhook and its secret come from {@link InboundConfigCache} (read together on one connection when not
     * cached); a stored delivery is then one statement. A signature that fails is checked once more against a fresh
     * read, so a secret rotated elsewhere is honoured at once.
     */
    public Result ingest(Incoming incoming) {
        if (incoming.contentLength() > settings.getMaxBodyBytes()) {
            throw tooLarge();
        }
        IntegrationSystem provider = provider(incoming.provider());
        UUID configId = parse(incoming.configId());
        if (provider == null || configId == null) {
            throw notFound();
        }
        InboundConfigCache.Entry webhook = lookup(configId, provider);
        byte[] body = read(incoming.body(), incoming.contentLength());
        Signatures.Verdict verdict =
                Signatures.verify(provider, webhook.config(), webhook.secret(), incoming.headers(), body);
        if (!verdict.valid()) {
            cache.invalidate(configId);
            webhook = lookup(configId, provider);
            verdict = Signatures.verify(provider, webhook.config(), webhook.secret(), incoming.headers(), body);
        }
        if (!verdict.valid()) {
            rejected.inc();
            UUID id = webhook.config().id();
            jdbi.useExtension(InboundConfigDao.class, dao -> dao.countRejected(id, clock.instant()));
            LOG.info("Rejected a {} delivery for webhook {}: {}", provider.wire(), id, verdict.reason());
            throw new DomainException(
                    ErrorKind.UNAUTHORIZED, "WEBHOOK_SIGNATURE_INVALID", "Webhook rejected: " + verdict.reason());
        }
        return store(webhook.config(), incoming, body);
    }

    private InboundConfigCache.Entry lookup(UUID configId, IntegrationSystem provider) {
        return cache.get(configId, this::load)
                .filter(found -> found.config().provider() == provider)
                .orElseThrow(WebhookIngest::notFound);
    }

    private Optional<InboundConfigCache.Entry> load(UUID configId) {
        return jdbi.withHandle(handle -> handle.attach(InboundConfigDao.class)
                .find(configId)
                .map(config -> new InboundConfigCache.Entry(
                        config, secrets.read(handle, config.secretId()), clock.instant())));
    }

    private Result store(InboundConfig config, Incoming incoming, byte[] body) {
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
        UUID id = UUID.randomUUID();
        String headers = json.write(DeliveryIds.kept(config.provider(), incoming.headers()));
        Optional<UUID> stored;
        try {
            stored = deliveries.insert(
                    id,
                    config,
                    deliveryId,
                    headerEvent,
                    status,
                    reason,
                    headers,
                    new String(body, StandardCharsets.UTF_8),
                    now);
        } catch (DeliveryInsert.WebhookGone e) {
            // deleted meanwhile (on another replica, or with its integration or project) while still cached here
            cache.invalidate(config.id());
            throw notFound();
        }
        if (stored.isEmpty()) {
            UUID existing = jdbi.withExtension(DeliveryDao.class, dao -> dao.existing(config.id(), deliveryId))
                    .orElseThrow();
            return new Result(
                    Outcome.DUPLICATE, existing, deliveryId, "Delivery " + deliveryId + " was already received");
        }
        if (outcome == Outcome.ACCEPTED) {
            wake.run();
        }
        return new Result(outcome, id, deliveryId, reason);
    }

    private static IntegrationSystem provider(String provider) {
        return Arrays.stream(IntegrationSystem.values())
                .filter(candidate -> candidate.wire().equals(provider) && candidate.supportsWebhooks())
                .findFirst()
                .orElse(null);
    }

    /**
     * The raw body, refused past the limit. With a declared length (already checked against the limit; Jetty ends the
     * stream there), reading that many bytes plus one fills one array of the body's size; {@code readNBytes} of the
     * whole limit would read through 8 KB buffers and copy the result.
     */
    private byte[] read(InputStream in, long declaredLength) {
        long expected = declaredLength >= 0 ? declaredLength : settings.getMaxBodyBytes();
        try (in) {
            byte[] body = in.readNBytes((int) expected + 1);
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
