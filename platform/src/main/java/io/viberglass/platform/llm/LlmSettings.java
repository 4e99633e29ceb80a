package io.viberglass.platform.llm;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** The model proxy (credential broker) and the price table ({@code llm} in the configuration). */
public class LlmSettings {
    /** Where Anthropic Messages requests go when a clanker names no {@code endpoint} of its own. */
    @NotBlank
    private String anthropicBaseUrl = "https://api.anthropic.com";

    /** Where OpenAI requests go when a clanker names no {@code endpoint} of its own. */
    @NotBlank
    private String openaiBaseUrl = "https://api.openai.com";

    /** Where Gemini ({@code generateContent}) requests go when a clanker names no {@code endpoint} of its own. */
    @NotBlank
    private String geminiBaseUrl = "https://generativelanguage.googleapis.com";

    /** Qwen Code's upstream: DashScope's OpenAI-compatible mode. */
    @NotBlank
    private String qwenBaseUrl = "https://dashscope.aliyuncs.com/compatible-mode/v1";

    /** Kimi Code's upstream: the Kimi coding API (OpenAI-compatible). */
    @NotBlank
    private String kimiBaseUrl = "https://api.kimi.com/coding/v1";

    /** Mistral Vibe's upstream: Mistral's API (OpenAI-compatible chat completions). */
    @NotBlank
    private String mistralBaseUrl = "https://api.mistral.ai/v1";

    /** How long a job's proxy token lives at most (it also dies when its job ends). */
    @NotNull
    private Duration tokenTtl = Duration.hours(6);

    /** Time allowed to connect to the provider; a streamed answer may then take as long as it needs. */
    @NotNull
    private Duration connectTimeout = Duration.seconds(10);

    /**
     * What a successful request whose answer carried no token usage counts as against budgets, in USD: its real cost is
     * unknown, and counting it as free would let a run spend past its budget unseen. {@code 0} counts it as free.
     */
    @NotNull
    @DecimalMin("0")
    private BigDecimal unmeteredRequestCostUsd = new BigDecimal("0.50");

    @Valid
    @NotNull
    private StuckRunSettings stuckRuns = new StuckRunSettings();

    /** Price per model, USD per million tokens; a model not listed is recorded with tokens but without a cost. */
    @NotNull
    private Map<String, @Valid Price> prices = new HashMap<>();

    /**
     * USD per million tokens.
     *
     * @param input uncached input tokens
     * @param output output tokens
     * @param cachedInput input tokens read from the provider's prompt cache (defaults to {@code input})
     * @param cacheWrite input tokens written to the prompt cache (defaults to {@code input})
     */
    public record Price(
            @NotNull @DecimalMin("0") BigDecimal input,
            @NotNull @DecimalMin("0") BigDecimal output,
            @DecimalMin("0") BigDecimal cachedInput,
            @DecimalMin("0") BigDecimal cacheWrite) {}

    /** The provider's default upstream, used when the clanker names no endpoint. */
    public String baseUrl(ModelProvider provider) {
        return switch (provider) {
            case ANTHROPIC -> anthropicBaseUrl;
            case OPENAI -> openaiBaseUrl;
            case GEMINI -> geminiBaseUrl;
            case QWEN -> qwenBaseUrl;
            case KIMI -> kimiBaseUrl;
            case MISTRAL -> mistralBaseUrl;
        };
    }

    @JsonProperty
    public String getGeminiBaseUrl() {
        return geminiBaseUrl;
    }

    @JsonProperty
    public void setGeminiBaseUrl(String geminiBaseUrl) {
        this.geminiBaseUrl = geminiBaseUrl;
    }

    @JsonProperty
    public String getQwenBaseUrl() {
        return qwenBaseUrl;
    }

    @JsonProperty
    public void setQwenBaseUrl(String qwenBaseUrl) {
        this.qwenBaseUrl = qwenBaseUrl;
    }

    @JsonProperty
    public String getKimiBaseUrl() {
        return kimiBaseUrl;
    }

    @JsonProperty
    public void setKimiBaseUrl(String kimiBaseUrl) {
        this.kimiBaseUrl = kimiBaseUrl;
    }

    @JsonProperty
    public String getMistralBaseUrl() {
        return mistralBaseUrl;
    }

    @JsonProperty
    public void setMistralBaseUrl(String mistralBaseUrl) {
        this.mistralBaseUrl = mistralBaseUrl;
    }

    @JsonProperty
    public String getAnthropicBaseUrl() {
        return anthropicBaseUrl;
    }

    @JsonProperty
    public void setAnthropicBaseUrl(String anthropicBaseUrl) {
        this.anthropicBaseUrl = anthropicBaseUrl;
    }

    @JsonProperty
    public String getOpenaiBaseUrl() {
        return openaiBaseUrl;
    }

    @JsonProperty
    public void setOpenaiBaseUrl(String openaiBaseUrl) {
        this.openaiBaseUrl = openaiBaseUrl;
    }

    @JsonProperty
    public Duration getTokenTtl() {
        return tokenTtl;
    }

    @JsonProperty
    public void setTokenTtl(Duration tokenTtl) {
        this.tokenTtl = tokenTtl;
    }

    @JsonProperty
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    @JsonProperty
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @JsonProperty
    public BigDecimal getUnmeteredRequestCostUsd() {
        return unmeteredRequestCostUsd;
    }

    @JsonProperty
    public void setUnmeteredRequestCostUsd(BigDecimal unmeteredRequestCostUsd) {
        this.unmeteredRequestCostUsd = unmeteredRequestCostUsd;
    }

    @JsonProperty
    public StuckRunSettings getStuckRuns() {
        return stuckRuns;
    }

    @JsonProperty
    public void setStuckRuns(StuckRunSettings stuckRuns) {
        this.stuckRuns = stuckRuns;
    }

    @JsonProperty
    public Map<String, Price> getPrices() {
        return prices;
    }

    @JsonProperty
    public void setPrices(Map<String, Price> prices) {
        this.prices = prices == null ? new HashMap<>() : prices;
    }
}
