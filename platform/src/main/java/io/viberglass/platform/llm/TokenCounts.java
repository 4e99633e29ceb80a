package io.viberglass.platform.llm;

/**
 * Tokens of one model request, normalised across providers.
 *
 * @param inputTokens input tokens billed at the full input price (OpenAI's prompt tokens minus the cached ones)
 * @param outputTokens output tokens, reasoning included
 * @param cachedInputTokens input tokens read from the provider's prompt cache
 * @param cacheWriteTokens input tokens written to the prompt cache (Anthropic)
 */
public record TokenCounts(long inputTokens, long outputTokens, long cachedInputTokens, long cacheWriteTokens) {
    public static final TokenCounts NONE = new TokenCounts(0, 0, 0, 0);

    public boolean isEmpty() {
        return inputTokens == 0 && outputTokens == 0 && cachedInputTokens == 0 && cacheWriteTokens == 0;
    }
}
