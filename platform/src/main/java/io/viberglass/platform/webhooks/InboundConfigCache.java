package io.viberglass.platform.webhooks;

import io.viberglass.common.security.SecretValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Webhook configurations with their decrypted secrets, kept briefly so the ingest of a delivery needs one database
 * statement (the insert) instead of three. This replica drops an entry as soon as it changes the webhook; changes made
 * elsewhere (another replica, a managed secret rotated through the secrets API, a cascade delete) are seen after at
 * most {@code ttl}, and a signature that fails against a cached secret is checked once more against a fresh read, so a
 * rotated secret is accepted at once. A zero {@code ttl} turns the cache off.
 */
public class InboundConfigCache {
    /** A webhook as the ingest needs it. */
    public record Entry(InboundConfig config, SecretValue secret, Instant loadedAt) {}

    private final Clock clock;
    private final Duration ttl;
    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();

    public InboundConfigCache(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The cached webhook, or the loader's answer (cached when there is one); empty when there is no such webhook. */
    public Optional<Entry> get(UUID configId, Function<UUID, Optional<Entry>> loader) {
        Entry cached = entries.get(configId);
        if (cached != null && clock.instant().isBefore(cached.loadedAt().plus(ttl))) {
            return Optional.of(cached);
        }
        Optional<Entry> loaded = loader.apply(configId);
        if (loaded.isPresent() && !ttl.isZero()) {
            entries.put(configId, loaded.get());
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
        entries.remove(configId);
    }

    public void invalidateAll() {
        entries.clear();
    }
}
