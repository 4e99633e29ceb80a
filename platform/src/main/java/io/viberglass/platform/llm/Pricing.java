package io.viberglass.platform.llm;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

/**
 * Cost of a request from the configured price table (USD per million tokens). A model matches its own entry, else the
 * longest entry its name starts with ({@code claude-sonnet-4} prices {@code claude-sonnet-4-5-20250929}).
 */
public final class Pricing {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private final Map<String, LlmSettings.Price> prices;

    public Pricing(Map<String, LlmSettings.Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    /** The cost, or empty when the model has no price (its tokens are still recorded). */
    public Optional<BigDecimal> cost(String model, TokenCounts counts) {
        return price(model).map(price -> {
            BigDecimal cached = price.cachedInput() == null ? price.input() : price.cachedInput();
            BigDecimal write = price.cacheWrite() == null ? price.input() : price.cacheWrite();
            return price.input()
                    .multiply(BigDecimal.valueOf(counts.inputTokens()))
                    .add(price.output().multiply(BigDecimal.valueOf(counts.outputTokens())))
                    .add(cached.multiply(BigDecimal.valueOf(counts.cachedInputTokens())))
                    .add(write.multiply(BigDecimal.valueOf(counts.cacheWriteTokens())))
                    .divide(MILLION, 8, RoundingMode.HALF_UP);
        });
    }

    Optional<LlmSettings.Price> price(String model) {
        if (model == null) {
            return Optional.empty();
        }
        LlmSettings.Price exact = prices.get(model);
        if (exact != null) {
            return Optional.of(exact);
        }
        return prices.keySet().stream()
                .filter(model::startsWith)
                .max((a, b) -> Integer.compare(a.length(), b.length()))
                .map(prices::get);
    }
}
