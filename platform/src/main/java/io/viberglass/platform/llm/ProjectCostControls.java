package io.viberglass.platform.llm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code project_cost_controls}; a project without one has no budgets. */
public record ProjectCostControls(
        UUID projectId, BigDecimal runBudgetUsd, BigDecimal monthlyBudgetUsd, Instant updatedAt) {}
