package io.viberglass.platform.llm;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/**
 * @param modelBroker {@code false} passes the real model key to workers (not recommended)
 * @param runBudgetUsd most one run may spend through the proxy; {@code null} for none
 * @param monthlyBudgetUsd most the clanker's runs may spend per calendar month (UTC); {@code null} for none
 */
public record CostControlsRequest(
        @NotNull Boolean modelBroker,
        @DecimalMin("0.01") @DecimalMax("1000000") @Digits(integer = 10, fraction = 2) BigDecimal runBudgetUsd,
        @DecimalMin("0.01") @DecimalMax("1000000") @Digits(integer = 10, fraction = 2) BigDecimal monthlyBudgetUsd) {}
