package io.viberglass.platform.llm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A clanker's cost controls as configured and as they act.
 *
 * @param modelBroker the setting
 * @param brokered whether its workers really get a proxy token instead of the key (every agent and runtime is
 *     covered, so today this follows the setting; kept apart so a future gap shows as a warning, not as a lie)
 * @param warnings what the configuration exposes, in sentences for people
 * @param pausedUntil while the provider's quota is exhausted (a 429 with a reset time), when the clanker's queue
 *     resumes; {@code null} when it is not paused
 */
public record CostControlsView(
        UUID clankerId,
        boolean modelBroker,
        boolean brokered,
        BigDecimal runBudgetUsd,
        BigDecimal monthlyBudgetUsd,
        Integer stuckAfterMinutes,
        Integer repeatedToolCallLimit,
        List<String> warnings,
        Instant pausedUntil) {}
