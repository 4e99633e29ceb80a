package io.viberglass.platform.webhooks;

import io.viberglass.common.security.SecretValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Webhook configurations with their decrypted secrets, kept briefly so the ingest of a delivery needs one database
 * statement (the insert) instead of three. Every replica drops an entry as soon as a change to the webhook or its secret
 * commits anywhere: triggers notify {@value #CHANNEL} ({@link #evict}), whichever replica, API or cascade made the
 * change. The {@code ttl} remains as a safety net for a notification lost while the listener reconnected (it also
 * drops everything on reconnect), and a signature that fails against a cached secret is checked once more against a
 * fresh read, so a rotated secret is accepted at once. A zero {@code ttl} turns the cache off.
 */
public class InboundConfigCache {
    /** Payloads {@code config:<webhook id>} and {@code secret:<secret id>}. */
    public static final String CHANNEL = "viberglass_webhook_config";

    /** A webhook as the ingest needs it. */
    public record Entry(InboundConfig config, SecretValue secret, Instant loadedAt) {}

    private final Clock clock;
    private final Duration ttl;
    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
    /** Moves on every eviction: a load that overlapped one may have read the old row, so it is not kept. */
    private final AtomicLong evictions = new AtomicLong();
    /** Webhooks whose expired entry one request is reloading now (only ids with an entry: bounded by the cache). */
    private final Set<UUID> reloading = ConcurrentHashMap.newKeySet();

    public InboundConfigCache(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * The cached webhook, or the loader's answer (cached when there is one); empty when there is no such webhook. An
     * expired entry is reloaded by one request while the others keep using it: at 200 deliveries a second, a reload
     * that waits on a busy database otherwise has every request arriving meanwhile read the webhook and decrypt its
     * secret again (a few dozen loads for one expiry). Expiry is only the safety net; changes evict at once.
     */
    public Optional<Entry> get(UUID configId, Function<UUID, Optional<Entry>> loader) {
        Entry cached = entries.get(configId);
        if (cached != null && clock.instant().isBefore(cached.loadedAt().plus(ttl))) {
            return Optional.of(cached);
        }
        if (cached != null && !reloading.add(configId)) {
            return Optional.of(cached);
        }
        try {
            return load(configId, loader);
        } finally {
            if (cached != null) {
                reloading.remove(configId);
            }
        }
    }

    private Optional<Entry> load(UUID configId, Function<UUID, Optional<Entry>> loader) {
        long before = evictions.get();
        Optional<Entry> loaded = loader.apply(configId);
        if (loaded.isPresent() && !ttl.isZero()) {
            entries.put(configId, loaded.get());
            if (evictions.get() != before) {
                entries.remove(configId, loaded.get());
            }
        } else {
            entries.remove(configId);
        }
        return loaded;
    }

    /** Whether this entry came from the cache (a failed signature is worth one fresh read then). */
    public boolean isStale(Entry entry) {
        return !ttl.isZero() && entry.loadedAt().isBefore(clock.instant());
    }

    public void invalidate(UUID configId) {
        evictions.incrementAndGet();
        entries.remove(configId);
    }

    /** Forgets every webhook signed with this secret. */
    public void invalidateSecret(UUID secretId) {
        evictions.incrementAndGet();
        entries.values().removeIf(entry -> entry.config().secretId().equals(secretId));
    }

    public void invalidateAll() {
        evictions.incrementAndGet();
        entries.clear();
    }

    /** A notification of {@value #CHANNEL}; anything unreadable drops everything rather than nothing. */
    public void evict(String payload) {
        try {
            if (payload.startsWith("config:")) {
                invalidate(UUID.fromString(payload.substring("config:".length())));
                return;
            }
            if (payload.startsWith("secret:")) {
                invalidateSecret(UUID.fromString(payload.substring("secret:".length())));
                return;
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        invalidateAll();
    }
}
