package io.viberglass.platform.sessions;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** Interactive agent sessions and the server-sent event streams (configuration block {@code sessions}). */
public class SessionSettings {
    /** How often an idle stream gets a comment line, so proxies keep it open and a gone client is noticed. */
    @NotNull
    private Duration heartbeatInterval = Duration.seconds(15);

    /** Frames a stream may have waiting for a slow client; one more and the client is disconnected (it can resume). */
    @Min(8)
    @Max(100_000)
    private int clientQueueCapacity = 512;

    /** Threads that read new events for woken streams (the writes to clients run on their own threads). */
    @Min(1)
    @Max(64)
    private int streamThreads = 2;

    /** How long a worker waits for a person to answer a permission request before telling the agent it was cancelled. */
    @NotNull
    private Duration permissionTimeout = Duration.minutes(15);

    /**
     * How often each replica marks its rows of session presence as alive; a replica silent for three intervals is
     * taken for dead and the people it served leave.
     */
    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 10, unit = TimeUnit.MINUTES)
    private Duration presenceInterval = Duration.seconds(15);

    @JsonProperty
    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    @JsonProperty
    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    @JsonProperty
    public int getClientQueueCapacity() {
        return clientQueueCapacity;
    }

    @JsonProperty
    public void setClientQueueCapacity(int clientQueueCapacity) {
        this.clientQueueCapacity = clientQueueCapacity;
    }

    @JsonProperty
    public int getStreamThreads() {
        return streamThreads;
    }

    @JsonProperty
    public void setStreamThreads(int streamThreads) {
        this.streamThreads = streamThreads;
    }

    @JsonProperty
    public Duration getPermissionTimeout() {
        return permissionTimeout;
    }

    @JsonProperty
    public void setPermissionTimeout(Duration permissionTimeout) {
        this.permissionTimeout = permissionTimeout;
    }

    @JsonProperty
    public Duration getPresenceInterval() {
        return presenceInterval;
    }

    @JsonProperty
    public void setPresenceInterval(Duration presenceInterval) {
        this.presenceInterval = presenceInterval;
    }
}
