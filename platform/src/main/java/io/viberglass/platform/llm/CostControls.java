package io.viberglass.platform.llm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code clanker_cost_controls}; a clanker without one brokers its model key and has no budgets.
 *
 * @param modelBroker whether the worker gets a proxy token (true) or the real model key (false)
 * @param runBudgetUsd most one run may spend through the proxy, or {@code null}
 * @param monthlyBudgetUsd most all the clanker's runs may spend in a calendar month (UTC), or {@code null}
 * @param stuckAfterMinutes minutes without agent output before a run is flagged as stuck, or {@code null} for the
 *     platform's default
 * @param repeatedToolCallLimit identical tool calls in a row that flag a run as looping, or {@code null} for the
 *     platform's default
 */
public record CostControls(
        UUID clankerId,
        boolean modelBroker,
        BigDecimal runBudgetUsd,
        BigDecimal monthlyBudgetUsd,
        Integer stuckAfterMinutes,
        Integer repeatedToolCallLimit,
        Instant updatedAt) {

    public static CostControls defaults(UUID clankerId) {
        return new CostControls(clankerId, true, null, null, null, null, null);
    }
}
