package io.viberglass.platform.webhooks;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Inbound webhooks: the body limit, and how stored deliveries are processed and retried. */
public class WebhookSettings {
    /** Process stored deliveries on this replica (every replica accepts them). */
    private boolean enabled = true;

    @Min(1024)
    @Max(64L * 1024 * 1024)
    private long maxBodyBytes = 1024L * 1024;

    @NotNull
    private Duration pollInterval = Duration.seconds(1);

    @Min(1)
    @Max(50)
    private int maxAttempts = 8;

    @NotNull
    private Duration retryBackoff = Duration.seconds(5);

    @NotNull
    private Duration maxRetryBackoff = Duration.minutes(10);

    /** How long one replica may hold a delivery it is processing before another takes it over. */
    @NotNull
    private Duration processingLease = Duration.minutes(2);

    /**
     * How long a replica keeps a webhook's configuration and secret in memory for the ingest (0 turns it off). Its own
     * changes take effect at once; changes made on another replica after at most this long.
     */
    @NotNull
    private Duration configCacheTtl = Duration.seconds(10);

    /** Follow-up runs per pull request unless the webhook sets its own limit. */
    @Min(0)
    @Max(20)
    private int followUpLimit = 3;

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public long getMaxBodyBytes() {
        return maxBodyBytes;
    }

    @JsonProperty
    public void setMaxBodyBytes(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @JsonProperty
    public Duration getPollInterval() {
        return pollInterval;
    }

    @JsonProperty
    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    @JsonProperty
    public int getMaxAttempts() {
        return maxAttempts;
    }

    @JsonProperty
    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    @JsonProperty
    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    @JsonProperty
    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    @JsonProperty
    public Duration getMaxRetryBackoff() {
        return maxRetryBackoff;
    }

    @JsonProperty
    public void setMaxRetryBackoff(Duration maxRetryBackoff) {
        this.maxRetryBackoff = maxRetryBackoff;
    }

    @JsonProperty
    public Duration getProcessingLease() {
        return processingLease;
    }

    @JsonProperty
    public void setProcessingLease(Duration processingLease) {
        this.processingLease = processingLease;
    }

    @JsonProperty
    public Duration getConfigCacheTtl() {
        return configCacheTtl;
    }

    @JsonProperty
    public void setConfigCacheTtl(Duration configCacheTtl) {
        this.configCacheTtl = configCacheTtl;
    }

    @JsonProperty
    public int getFollowUpLimit() {
        return followUpLimit;
    }

    @JsonProperty
    public void setFollowUpLimit(int followUpLimit) {
        this.followUpLimit = followUpLimit;
    }

    /** Capped doubling: {@code retryBackoff × 2^(attempt-1)}, at most {@code maxRetryBackoff}. */
    public java.time.Duration backoff(int attempt) {
        long base = retryBackoff.toMilliseconds();
        long millis = base * (1L << Math.min(Math.max(attempt - 1, 0), 20));
        return java.time.Duration.ofMillis(Math.min(millis, maxRetryBackoff.toMilliseconds()));
    }
}
