package io.viberglass.platform.llm;

import java.math.BigDecimal;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/** Writes one {@code llm_usage} row per proxied request, priced from the configured table. */
public class UsageRecorder {
    private final Jdbi jdbi;
    private final Pricing pricing;

    public UsageRecorder(Jdbi jdbi, Pricing pricing) {
        this.jdbi = jdbi;
        this.pricing = pricing;
    }

    void record(ModelProxy.Target target, int status, UsageMeter meter, Instant started) {
        TokenCounts counts = meter.counts();
        BigDecimal cost = meter.sawUsage()
                ? pricing.cost(meter.model(), counts).orElse(null)
                : (status < 400 ? null : BigDecimal.ZERO); // a refused request costs nothing
        jdbi.useExtension(
                UsageDao.class,
                dao -> dao.insert(new UsageDao.Request(
                        target.job().id(),
                        target.job().projectId(),
                        target.job().ticketId(),
                        target.clanker().id(),
                        target.provider().wire(),
                        meter.model(),
                        status,
                        meter.isEventStream(),
                        counts.inputTokens(),
                        counts.outputTokens(),
                        counts.cachedInputTokens(),
                        counts.cacheWriteTokens(),
                        cost,
                        started)));
    }
}
