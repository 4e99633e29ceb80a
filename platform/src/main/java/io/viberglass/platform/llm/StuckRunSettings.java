package io.viberglass.platform.llm;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Stuck-run detection by progress ({@code stuckRuns} in the configuration); clankers may override the first two. */
public class StuckRunSettings {
    /** A running agent with no output for this long is flagged as stuck; zero turns detection off. */
    @NotNull
    private Duration stuckAfter = Duration.minutes(30);

    /** A run flagged as stuck that stays silent this much longer is stopped ({@code AGENT_STUCK}). */
    @NotNull
    private Duration grace = Duration.minutes(5);

    /** This many identical tool calls in a row flag a run as looping (a flag only: it is not stopped). */
    @Min(2)
    @Max(1000)
    private int repeatedToolCallLimit = 20;

    /** How often running jobs are looked at. */
    @NotNull
    private Duration checkInterval = Duration.seconds(30);

    @JsonProperty
    public Duration getStuckAfter() {
        return stuckAfter;
    }

    @JsonProperty
    public void setStuckAfter(Duration stuckAfter) {
        this.stuckAfter = stuckAfter;
    }

    @JsonProperty
    public Duration getGrace() {
        return grace;
    }

    @JsonProperty
    public void setGrace(Duration grace) {
        this.grace = grace;
    }

    @JsonProperty
    public int getRepeatedToolCallLimit() {
        return repeatedToolCallLimit;
    }

    @JsonProperty
    public void setRepeatedToolCallLimit(int repeatedToolCallLimit) {
        this.repeatedToolCallLimit = repeatedToolCallLimit;
    }

    @JsonProperty
    public Duration getCheckInterval() {
        return checkInterval;
    }

    @JsonProperty
    public void setCheckInterval(Duration checkInterval) {
        this.checkInterval = checkInterval;
    }
}
