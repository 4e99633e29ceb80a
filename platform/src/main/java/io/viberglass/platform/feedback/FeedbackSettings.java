package io.viberglass.platform.feedback;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Outbound feedback: how the outbox is worked and how provider calls are retried (custom targets set their own). */
public class FeedbackSettings {
    /** Deliver outbox rows from this replica (every replica writes them). */
    private boolean enabled = true;

    @NotNull
    private Duration pollInterval = Duration.seconds(1);

    @NotNull
    private Duration requestTimeout = Duration.seconds(10);

    /** How long a replica may hold a row it is sending before another may take it (a crash mid-send). */
    @NotNull
    private Duration lease = Duration.minutes(1);

    @Min(1)
    @Max(20)
    private int providerMaxAttempts = 6;

    @NotNull
    private Duration providerBackoff = Duration.seconds(2);

    @NotNull
    private Duration providerMaxBackoff = Duration.minutes(10);

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
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
    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    @JsonProperty
    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    @JsonProperty
    public Duration getLease() {
        return lease;
    }

    @JsonProperty
    public void setLease(Duration lease) {
        this.lease = lease;
    }

    @JsonProperty
    public int getProviderMaxAttempts() {
        return providerMaxAttempts;
    }

    @JsonProperty
    public void setProviderMaxAttempts(int providerMaxAttempts) {
        this.providerMaxAttempts = providerMaxAttempts;
    }

    @JsonProperty
    public Duration getProviderBackoff() {
        return providerBackoff;
    }

    @JsonProperty
    public void setProviderBackoff(Duration providerBackoff) {
        this.providerBackoff = providerBackoff;
    }

    @JsonProperty
    public Duration getProviderMaxBackoff() {
        return providerMaxBackoff;
    }

    @JsonProperty
    public void setProviderMaxBackoff(Duration providerMaxBackoff) {
        this.providerMaxBackoff = providerMaxBackoff;
    }
}
