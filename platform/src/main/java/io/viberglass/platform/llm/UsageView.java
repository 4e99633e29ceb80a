package io.viberglass.platform.llm;

import java.math.BigDecimal;

/**
 * Usage through the model proxy over some scope.
 *
 * @param month the calendar month (UTC, {@code YYYY-MM}) for monthly figures, else {@code null}
 * @param inputTokens uncached input tokens
 * @param cachedInputTokens input tokens read from the prompt cache
 * @param cacheWriteTokens input tokens written to the prompt cache
 * @param costUsd cost of the priced requests, from the configured price table
 * @param unpricedRequests requests whose model has no price (their tokens are counted, their cost is not)
 * @param unmeteredRequests successful requests whose answer carried no usage (not in {@code costUsd}; budgets count
 *     each at {@code llm.unmeteredRequestCostUsd})
 */
public record UsageView(
        String month,
        long requests,
        long inputTokens,
        long outputTokens,
        long cachedInputTokens,
        long cacheWriteTokens,
        BigDecimal costUsd,
        long unpricedRequests,
        long unmeteredRequests) {

    static UsageView of(String month, UsageDao.Totals totals) {
        return new UsageView(
                month,
                totals.requests(),
                totals.inputTokens(),
                totals.outputTokens(),
                totals.cachedInputTokens(),
                totals.cacheWriteTokens(),
                totals.costUsd().stripTrailingZeros().scale() < 0
                        ? totals.costUsd().setScale(0)
                        : totals.costUsd().stripTrailingZeros(),
                totals.unpricedRequests(),
                totals.unmeteredRequests());
    }
}
