package io.viberglass.platform.dispatch.aws;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** What the ECS and Lambda invokers share: where AWS is, how hard to retry throttling, the callback URL. */
public abstract class AwsRuntimeSettings {
    /** Default region; a clanker's {@code deploymentConfig.region} wins. Empty means {@code AWS_REGION}. */
    private String region;

    /** Custom endpoint for the service and for SSM (LocalStack, tests). */
    private String endpoint;

    /** Attempts per AWS call, including SDK retries of throttling and 5xx answers (standard retry mode). */
    @Min(1)
    @Max(10)
    private int maxAttempts = 5;

    /** Callback URL for these workers; empty means {@code publicUrl}. */
    private String platformUrl;

    @JsonProperty
    public String getRegion() {
        return region;
    }

    @JsonProperty
    public void setRegion(String region) {
        this.region = blankToNull(region);
    }

    @JsonProperty
    public String getEndpoint() {
        return endpoint;
    }

    @JsonProperty
    public void setEndpoint(String endpoint) {
        this.endpoint = blankToNull(endpoint);
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
    public String getPlatformUrl() {
        return platformUrl;
    }

    @JsonProperty
    public void setPlatformUrl(String platformUrl) {
        this.platformUrl = blankToNull(platformUrl);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
