package io.viberglass.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.integrations.IntegrationSystem;
import io.viberglass.platform.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The eviction rules the replicas' notifications drive; the notifications themselves: WebhookConfigReplicasTest. */
class InboundConfigCacheTest {
    static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");

    final InboundConfigCache cache = new InboundConfigCache(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1));
    final AtomicInteger loads = new AtomicInteger();

    static InboundConfig config(UUID id, UUID secretId) {
        return new InboundConfig(
                id,
                UUID.randomUUID(),
                IntegrationSystem.GITHUB,
                UUID.randomUUID(),
                null,
                secretId,
                true,
                List.of(),
                false,
                AutoExecuteMode.MATCHING_EVENTS,
                List.of(),
                null,
                null,
                null,
                Map.of(),
                true,
                0,
                null,
                NOW,
                NOW);
    }

    Optional<InboundConfigCache.Entry> get(InboundConfig config) {
        return cache.get(config.id(), id -> {
            loads.incrementAndGet();
            return Optional.of(new InboundConfigCache.Entry(config, SecretValue.of("s"), NOW));
        });
    }

    @Test
    void aConfigNotificationDropsThatWebhookOnly() {
        InboundConfig one = config(UUID.randomUUID(), UUID.randomUUID());
        InboundConfig two = config(UUID.randomUUID(), UUID.randomUUID());
        get(one);
        get(two);

        cache.evict("config:" + one.id());
        get(one);
        get(two);

        assertThat(loads).hasValue(3);
    }

    @Test
    void aSecretNotificationDropsEveryWebhookSignedWithIt() {
        UUID shared = UUID.randomUUID();
        InboundConfig one = config(UUID.randomUUID(), shared);
        InboundConfig two = config(UUID.randomUUID(), shared);
        InboundConfig other = config(UUID.randomUUID(), UUID.randomUUID());
        get(one);
        get(two);
        get(other);

        cache.evict("secret:" + shared);
        get(one);
        get(two);
        get(other);

        assertThat(loads).hasValue(5);
    }

    @Test
    void anUnreadableNotificationDropsEverything() {
        InboundConfig one = config(UUID.randomUUID(), UUID.randomUUID());
        get(one);

        cache.evict("config:not-a-uuid");
        get(one);

        assertThat(loads).hasValue(2);
    }

    @Test
    void aLoadThatOverlappedAnEvictionIsNotKept_itMayHaveReadTheOldRow() {
        InboundConfig one = config(UUID.randomUUID(), UUID.randomUUID());
        cache.get(one.id(), id -> {
            loads.incrementAndGet();
            cache.evict("config:" + one.id()); // the change committed while this read was under way
            return Optional.of(new InboundConfigCache.Entry(one, SecretValue.of("old"), NOW));
        });

        get(one);

        assertThat(loads).hasValue(2);
    }

    @Test
    void anExpiredEntryIsReloadedOnce_requestsArrivingMeanwhileKeepUsingIt() {
        MutableClock clock = new MutableClock(NOW);
        InboundConfigCache expiring = new InboundConfigCache(clock, Duration.ofSeconds(10));
        InboundConfig one = config(UUID.randomUUID(), UUID.randomUUID());
        expiring.get(one.id(), id -> Optional.of(new InboundConfigCache.Entry(one, SecretValue.of("old"), NOW)));
        clock.advance(Duration.ofSeconds(11));
        AtomicReference<Optional<InboundConfigCache.Entry>> meanwhile = new AtomicReference<>();

        Optional<InboundConfigCache.Entry> reloaded = expiring.get(one.id(), id -> {
            loads.incrementAndGet();
            // a second delivery while this reload waits on the database
            meanwhile.set(expiring.get(one.id(), other -> {
                loads.incrementAndGet();
                return Optional.empty();
            }));
            return Optional.of(new InboundConfigCache.Entry(one, SecretValue.of("new"), clock.instant()));
        });

        assertThat(loads).hasValue(1);
        assertThat(meanwhile.get())
                .hasValueSatisfying(entry -> assertThat(entry.secret().reveal()).isEqualTo("old"));
        assertThat(reloaded)
                .hasValueSatisfying(entry -> assertThat(entry.secret().reveal()).isEqualTo("new"));
        assertThat(expiring.get(one.id(), id -> Optional.empty()))
                .hasValueSatisfying(entry -> assertThat(entry.secret().reveal()).isEqualTo("new"));
    }

    @Test
    void anEvictedEntryIsNotServedWhileItIsReloaded() {
        InboundConfig one = config(UUID.randomUUID(), UUID.randomUUID());
        get(one);
        cache.evict("config:" + one.id());

        Optional<InboundConfigCache.Entry> meanwhile = cache.get(one.id(), id -> {
            loads.incrementAndGet();
            return Optional.empty(); // deleted
        });

        assertThat(meanwhile).isEmpty();
        assertThat(loads).hasValue(2);
    }
}
