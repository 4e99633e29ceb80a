package io.viberglass.platform.infra.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The laptop fallback: when the configured PostgreSQL cannot be reached, start an embedded one whose data lives under
 * the user's home, so the quick start needs no database set-up. Off in production.
 */
public class EmbeddedDatabaseSettings {
    private boolean fallback = false;
    private String dataDirectory = System.getProperty("user.home") + "/.viberglass/postgres";

    @Min(1)
    @Max(65535)
    private int port = 54329;

    @JsonProperty
    public boolean isFallback() {
        return fallback;
    }

    @JsonProperty
    public void setFallback(boolean fallback) {
        this.fallback = fallback;
    }

    @JsonProperty
    public String getDataDirectory() {
        return dataDirectory;
    }

    @JsonProperty
    public void setDataDirectory(String dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    @JsonProperty
    public int getPort() {
        return port;
    }

    @JsonProperty
    public void setPort(int port) {
        this.port = port;
    }
}
