package io.viberglass.platform.infra.ratelimit;

import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.errors.ErrorKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Fixed-window counters in PostgreSQL, so every replica counts against the same limit. A bucket names what is limited
 * and for whom ({@code login:ip:203.0.113.9}, {@code login:account:ada@example.com}); reusable for webhook ingress.
 */
public class RateLimiter {
    private static final int CLEANUP_EVERY = 500;

    private final Jdbi jdbi;
    private final Clock clock;
    private final AtomicLong calls = new AtomicLong();

    public RateLimiter(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** What a hit came to: allowed, or refused until {@code retryAfter} has passed. */
    public record Outcome(boolean allowed, int hits, Duration retryAfter) {}

    /** Counts one hit on {@code bucket} and answers whether it is within the limit. */
    public Outcome hit(String bucket, RateLimit limit) {
        Instant now = clock.instant();
        long windowMillis = limit.getWindow().toMilliseconds();
        Instant windowStart = Instant.ofEpochMilli(now.toEpochMilli() / windowMillis * windowMillis);
        int hits = jdbi.withExtension(Dao.class, dao -> dao.hit(bucket, windowStart));
        if (calls.incrementAndGet() % CLEANUP_EVERY == 0) {
            jdbi.useExtension(Dao.class, dao -> dao.deleteBefore(now.minus(Duration.ofDays(1))));
        }
        if (hits <= limit.getLimit()) {
            return new Outcome(true, hits, Duration.ZERO);
        }
        return new Outcome(false, hits, Duration.between(now, windowStart.plusMillis(windowMillis)));
    }

    /** Counts one hit and throws a 429 carrying {@code Retry-After} (whole seconds, at least 1) over the limit. */
    public void check(String bucket, RateLimit limit) {
        Outcome outcome = hit(bucket, limit);
        if (!outcome.allowed()) {
            long seconds = Math.max(1, (outcome.retryAfter().toMillis() + 999) / 1000);
            throw new DomainException(
                            ErrorKind.TOO_MANY_REQUESTS,
                            "RATE_LIMITED",
                            "Too many attempts; try again in " + seconds + " seconds")
                    .withHeader("Retry-After", Long.toString(seconds));
        }
    }

    interface Dao {
        @SqlQuery("insert into rate_limit_hits (bucket, window_start, hits) values (:bucket, :windowStart, 1) "
                + "on conflict (bucket, window_start) do update set hits = rate_limit_hits.hits + 1 returning hits")
        int hit(String bucket, Instant windowStart);

        @SqlUpdate("delete from rate_limit_hits where window_start < :before")
        int deleteBefore(Instant before);
    }
}
