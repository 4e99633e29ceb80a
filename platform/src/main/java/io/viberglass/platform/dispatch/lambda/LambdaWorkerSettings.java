package io.viberglass.platform.dispatch.lambda;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.viberglass.platform.dispatch.aws.AwsRuntimeSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The Lambda invoker: an asynchronous Invoke of the clanker's worker function ({@code deploymentConfig.functionName},
 * a name or ARN, optional {@code qualifier} and {@code region}).
 */
public class LambdaWorkerSettings extends AwsRuntimeSettings {
    /**
     * Extra tries when the function is being updated ({@code ResourceConflictException}, state Pending) before the job
     * goes back to the dispatcher's own back-off.
     */
    @Min(0)
    @Max(10)
    private int conflictRetries = 3;

    /** First pause between those tries; it doubles each time. */
    @NotNull
    private Duration conflictBackoff = Duration.seconds(2);

    /** Longest wait, while starting a clanker, for its function to become Active (after creation, or Pending). */
    @NotNull
    private Duration activeTimeout = Duration.minutes(5);

    /** Pause between GetFunction calls during that wait. */
    @NotNull
    private Duration activePollInterval = Duration.seconds(3);

    @JsonProperty
    public Duration getActiveTimeout() {
        return activeTimeout;
    }

    @JsonProperty
    public void setActiveTimeout(Duration activeTimeout) {
        this.activeTimeout = activeTimeout;
    }

    @JsonProperty
    public Duration getActivePollInterval() {
        return activePollInterval;
    }

    @JsonProperty
    public void setActivePollInterval(Duration activePollInterval) {
        this.activePollInterval = activePollInterval;
    }

    @JsonProperty
    public int getConflictRetries() {
        return conflictRetries;
    }

    @JsonProperty
    public void setConflictRetries(int conflictRetries) {
        this.conflictRetries = conflictRetries;
    }

    @JsonProperty
    public Duration getConflictBackoff() {
        return conflictBackoff;
    }

    @JsonProperty
    public void setConflictBackoff(Duration conflictBackoff) {
        this.conflictBackoff = conflictBackoff;
    }
}
