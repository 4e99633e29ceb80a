package io.viberglass.platform.infra.ratelimit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** At most {@code limit} hits per {@code window} for one bucket (a caller's IP, an account). */
public class RateLimit {
    @Min(1)
    private int limit;

    @NotNull
    private Duration window;

    public RateLimit() {
        this(10, Duration.minutes(1));
    }

    public RateLimit(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    @JsonProperty
    public int getLimit() {
        return limit;
    }

    @JsonProperty
    public void setLimit(int limit) {
        this.limit = limit;
    }

    @JsonProperty
    public Duration getWindow() {
        return window;
    }

    @JsonProperty
    public void setWindow(Duration window) {
        this.window = window;
    }
}
