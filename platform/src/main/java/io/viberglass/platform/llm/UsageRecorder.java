package io.viberglass.platform.llm;

import java.math.BigDecimal;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes one {@code llm_usage} row per proxied request, priced from the configured table. A successful answer that
 * carried no usage (a stream cut short before its usage chunk, a gateway that strips it) is marked unmetered: it cost
 * something nobody counted, and budgets count it at {@code llm.unmeteredRequestCostUsd} ({@link BudgetGuard}).
 */
public class UsageRecorder {
    private final Jdbi jdbi;
    private final Pricing pricing;

    public UsageRecorder(Jdbi jdbi, Pricing pricing) {
        this.jdbi = jdbi;
        this.pricing = pricing;
    }

    /** Records the request; answers whether it was unmetered. */
    boolean record(ModelProxy.Target target, String path, int status, UsageMeter meter, Instant started) {
        TokenCounts counts = meter.counts();
        boolean succeeded = status >= 200 && status < 300;
        boolean unmetered = !meter.sawUsage() && succeeded && !target.provider().isFree(path);
        BigDecimal cost;
        if (meter.sawUsage()) {
            cost = pricing.cost(meter.model(), counts).orElse(null);
        } else {
            // a refused request and a token count cost nothing; an unmetered one is not guessed here
            cost = unmetered ? null : BigDecimal.ZERO;
        }
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
                        unmetered,
                        started)));
        return unmetered;
    }
}
