package io.viberglass.platform.claws;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The claw scheduler: how often it looks for due schedules, the shortest interval allowed, webhook delivery. */
public class ClawSettings {
    private boolean enabled = true;

    @NotNull
    private Duration tickInterval = Duration.seconds(1);

    @NotNull
    private Duration minimumInterval = Duration.minutes(1);

    @Min(1)
    @Max(50)
    private int maxWebhookAttempts = 6;

    @NotNull
    private Duration webhookTimeout = Duration.seconds(10);

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public Duration getTickInterval() {
        return tickInterval;
    }

    @JsonProperty
    public void setTickInterval(Duration tickInterval) {
        this.tickInterval = tickInterval;
    }

    @JsonProperty
    public Duration getMinimumInterval() {
        return minimumInterval;
    }

    @JsonProperty
    public void setMinimumInterval(Duration minimumInterval) {
        this.minimumInterval = minimumInterval;
    }

    @JsonProperty
    public int getMaxWebhookAttempts() {
        return maxWebhookAttempts;
    }

    @JsonProperty
    public void setMaxWebhookAttempts(int maxWebhookAttempts) {
        this.maxWebhookAttempts = maxWebhookAttempts;
    }

    @JsonProperty
    public Duration getWebhookTimeout() {
        return webhookTimeout;
    }

    @JsonProperty
    public void setWebhookTimeout(Duration webhookTimeout) {
        this.webhookTimeout = webhookTimeout;
    }
}
