package io.viberglass.platform.clankers;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.HashMap;
import java.util.Map;

/** Provisioning, the availability check and the worker image catalog ({@code clankers} in the configuration). */
public class ClankerSettings {
    /** How often each active clanker's runtime is checked; zero turns the periodic check off. */
    @NotNull
    private Duration availabilityInterval = Duration.minutes(5);

    /** Failed checks in a row before an active clanker is marked failed (one blip does not fail its queued jobs). */
    @Min(1)
    @Max(100)
    private int unavailableAfterFailures = 2;

    /** Provisioning without a heartbeat for this long belonged to a replica that stopped: another one resumes it. */
    @NotNull
    private Duration provisioningStaleAfter = Duration.minutes(2);

    @Min(1)
    @Max(16)
    private int provisioningThreads = 2;

    @Valid
    @NotNull
    private Images workerImages = new Images();

    /** Default worker images: {@code <repository>/worker-<agent>:<tag>}, {@code <repository>/worker-lambda:<tag>}. */
    public static class Images {
        @NotBlank
        private String repository = "viberglass";

        @NotBlank
        private String tag = "latest";

        /** Per agent (its wire id, e.g. {@code claude-code}) an image that replaces the pattern. */
        @NotNull
        private Map<String, String> overrides = new HashMap<>();

        private String lambdaImage;

        @JsonProperty
        public String getRepository() {
            return repository;
        }

        @JsonProperty
        public void setRepository(String repository) {
            this.repository = repository;
        }

        @JsonProperty
        public String getTag() {
            return tag;
        }

        @JsonProperty
        public void setTag(String tag) {
            this.tag = tag;
        }

        @JsonProperty
        public Map<String, String> getOverrides() {
            return overrides;
        }

        @JsonProperty
        public void setOverrides(Map<String, String> overrides) {
            this.overrides = overrides == null ? new HashMap<>() : overrides;
        }

        @JsonProperty
        public String getLambdaImage() {
            return lambdaImage;
        }

        @JsonProperty
        public void setLambdaImage(String lambdaImage) {
            this.lambdaImage = lambdaImage == null || lambdaImage.isBlank() ? null : lambdaImage.trim();
        }
    }

    @JsonProperty
    public Duration getAvailabilityInterval() {
        return availabilityInterval;
    }

    @JsonProperty
    public void setAvailabilityInterval(Duration availabilityInterval) {
        this.availabilityInterval = availabilityInterval;
    }

    @JsonProperty
    public int getUnavailableAfterFailures() {
        return unavailableAfterFailures;
    }

    @JsonProperty
    public void setUnavailableAfterFailures(int unavailableAfterFailures) {
        this.unavailableAfterFailures = unavailableAfterFailures;
    }

    @JsonProperty
    public Duration getProvisioningStaleAfter() {
        return provisioningStaleAfter;
    }

    @JsonProperty
    public void setProvisioningStaleAfter(Duration provisioningStaleAfter) {
        this.provisioningStaleAfter = provisioningStaleAfter;
    }

    @JsonProperty
    public int getProvisioningThreads() {
        return provisioningThreads;
    }

    @JsonProperty
    public void setProvisioningThreads(int provisioningThreads) {
        this.provisioningThreads = provisioningThreads;
    }

    @JsonProperty
    public Images getWorkerImages() {
        return workerImages;
    }

    @JsonProperty
    public void setWorkerImages(Images workerImages) {
        this.workerImages = workerImages;
    }
}
