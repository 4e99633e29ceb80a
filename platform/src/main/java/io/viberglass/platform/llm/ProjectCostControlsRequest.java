package io.viberglass.platform.llm;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import java.math.BigDecimal;

/**
 * @param runBudgetUsd most one run of the project may spend through the model proxy; {@code null} for none
 * @param monthlyBudgetUsd most all its runs may spend per calendar month (UTC); {@code null} for none
 */
public record ProjectCostControlsRequest(
        @DecimalMin("0.01") @DecimalMax("1000000") @Digits(integer = 10, fraction = 2) BigDecimal runBudgetUsd,
        @DecimalMin("0.01") @DecimalMax("1000000") @Digits(integer = 10, fraction = 2) BigDecimal monthlyBudgetUsd) {}
