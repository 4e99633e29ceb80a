package io.viberglass.platform.llm;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/**
 * @param modelBroker {@code false} passes the real model key to workers (not recommended)
 * @param runBudgetUsd most one run may spend through the proxy; {@code null} for none
 * @param monthlyBudgetUsd most the clanker's runs may spend per calendar month (UTC); {@code null} for none
 * @param stuckAfterMinutes minutes without agent output before a run is flagged stuck (then stopped after a grace);
 *     {@code null} for the platform's default
 * @param repeatedToolCallLimit identical tool calls in a row that flag a run as looping; {@code null} for the default
 */
public record CostControlsRequest(
        @NotNull Boolean modelBroker,
        @DecimalMin("0.01") @DecimalMax("1000000") @Digits(integer = 10, fraction = 2) BigDecimal runBudgetUsd,
        @DecimalMin("0.01") @DecimalMax("1000000") @Digits(integer = 10, fraction = 2) BigDecimal monthlyBudgetUsd,
        @Min(1) @Max(1440) Integer stuckAfterMinutes,
        @Min(2) @Max(1000) Integer repeatedToolCallLimit) {}
