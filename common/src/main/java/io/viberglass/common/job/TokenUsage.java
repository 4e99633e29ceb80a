package io.viberglass.common.job;

import jakarta.validation.constraints.Min;
import java.math.BigDecimal;

/**
 * Tokens and cost of a run as the agent CLI reported them.
 *
 * @param costUsd cost the CLI computed itself, if it does ({@code null} otherwise)
 */
public record TokenUsage(
        @Min(0) long inputTokens, @Min(0) long outputTokens, @Min(0) long cachedInputTokens, BigDecimal costUsd) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, null);

    public TokenUsage plus(TokenUsage other) {
        BigDecimal cost =
                costUsd == null ? other.costUsd : other.costUsd == null ? costUsd : costUsd.add(other.costUsd);
        return new TokenUsage(
                inputTokens + other.inputTokens,
                outputTokens + other.outputTokens,
                cachedInputTokens + other.cachedInputTokens,
                cost);
    }
}
