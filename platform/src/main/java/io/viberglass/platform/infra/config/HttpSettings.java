package io.viberglass.platform.infra.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** Limits and browser-facing headers for the HTTP API. */
public class HttpSettings {
    /** Largest request body accepted for anything but uploads. */
    @Min(1024)
    private long maxBodyBytes = 5L * 1024 * 1024;

    /** Largest multipart upload (a screenshot and a recording together). */
    @Min(1024)
    private long maxUploadBytes = 25L * 1024 * 1024;

    /** Origins allowed to call the API from a browser, besides the platform's own; supports {@code *} wildcards. */
    @NotNull
    private List<String> corsAllowedOrigins = List.of("http://localhost:5173", "http://localhost:3000");

    /** Adds Strict-Transport-Security; turn on when the platform is served over HTTPS. */
    private boolean hsts = false;

    @JsonProperty
    public long getMaxBodyBytes() {
        return maxBodyBytes;
    }

    @JsonProperty
    public void setMaxBodyBytes(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @JsonProperty
    public long getMaxUploadBytes() {
        return maxUploadBytes;
    }

    @JsonProperty
    public void setMaxUploadBytes(long maxUploadBytes) {
        this.maxUploadBytes = maxUploadBytes;
    }

    @JsonProperty
    public List<String> getCorsAllowedOrigins() {
        return corsAllowedOrigins;
    }

    /** Accepts a list, or one comma-separated string as the {@code CORS_ORIGINS} variable gives it. */
    @JsonProperty
    public void setCorsAllowedOrigins(List<String> corsAllowedOrigins) {
        this.corsAllowedOrigins = corsAllowedOrigins.stream()
                .flatMap(entry -> java.util.Arrays.stream(entry.split(",")))
                .map(String::trim)
                .filter(origin -> !origin.isEmpty())
                .toList();
    }

    @JsonProperty
    public boolean isHsts() {
        return hsts;
    }

    @JsonProperty
    public void setHsts(boolean hsts) {
        this.hsts = hsts;
    }
}
