package io.viberglass.platform.dispatch.docker;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The Docker invoker: one container per job on a Docker Engine. A clanker's {@code deploymentConfig} may override
 * {@code networkMode}, {@code memoryMb}, {@code cpus} and {@code pullPolicy}; the rest is the platform operator's.
 */
public class DockerWorkerSettings {
    /** The engine: {@code unix:///var/run/docker.sock} or {@code tcp://host:2376}. */
    @NotBlank
    private String host = "unix:///var/run/docker.sock";

    /** Engine API version to speak, e.g. {@code 1.43}; empty lets the engine pick its default. */
    private String apiVersion;

    @NotNull
    private PullPolicy pullPolicy = PullPolicy.IF_MISSING;

    /** Longest wait for an image pull before the invocation is retried. */
    @NotNull
    private Duration pullTimeout = Duration.minutes(10);

    /** Docker network of worker containers. Never {@code host} unless {@link #allowHostNetwork} says so. */
    @NotBlank
    private String networkMode = "bridge";

    /** Whether a clanker may ask for the {@code host} network (workers then share the host's network stack). */
    private boolean allowHostNetwork = false;

    /** Adds {@code host.docker.internal:host-gateway}, so a bridged worker reaches a platform on the host. */
    private boolean addHostGateway = true;

    /** Memory limit per worker in MiB; 0 for none. */
    @Min(0)
    private long memoryMb = 4096;

    /** CPU limit per worker (fractions allowed); 0 for none. */
    @Min(0)
    private double cpus = 2.0;

    /**
     * Callback URL for workers in containers. Empty means {@code publicUrl}, with a {@code localhost} host replaced by
     * {@code host.docker.internal} on a bridge network.
     */
    private String platformUrl;

    /**
     * The tmpfs mount in each worker container where the worker writes the credentials it fetched, one file per
     * credential ({@code VIBERATOR_SECRETS_DIR}).
     */
    @NotBlank
    @Pattern(regexp = "/[A-Za-z0-9_./-]+")
    private String secretsDirectory = "/run/viberglass";

    /** Owner of the secrets tmpfs as {@code uid:gid} (mode 0700): the worker image's unprivileged user. */
    @Pattern(regexp = "\\d+:\\d+")
    private String secretsOwner = "10001:10001";

    /** Size bound of the secrets tmpfs in KiB. */
    @Min(16)
    private long secretsTmpfsKb = 1024;

    /**
     * Whether the engine removes a worker's container when it exits. Turn off to keep exited containers for
     * {@code docker logs} while debugging (then remove them with {@code docker container prune --filter
     * label=io.viberglass.managed-by=viberglass}).
     */
    private boolean autoRemove = true;

    /** How long {@code docker stop} waits after SIGTERM (the worker reports {@code cancelled}) before SIGKILL. */
    @NotNull
    private Duration stopTimeout = Duration.seconds(30);

    @JsonProperty
    public String getHost() {
        return host;
    }

    @JsonProperty
    public void setHost(String host) {
        this.host = host;
    }

    @JsonProperty
    public String getApiVersion() {
        return apiVersion;
    }

    @JsonProperty
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion == null || apiVersion.isBlank() ? null : apiVersion.trim();
    }

    @JsonProperty
    public PullPolicy getPullPolicy() {
        return pullPolicy;
    }

    @JsonProperty
    public void setPullPolicy(PullPolicy pullPolicy) {
        this.pullPolicy = pullPolicy;
    }

    @JsonProperty
    public Duration getPullTimeout() {
        return pullTimeout;
    }

    @JsonProperty
    public void setPullTimeout(Duration pullTimeout) {
        this.pullTimeout = pullTimeout;
    }

    @JsonProperty
    public String getNetworkMode() {
        return networkMode;
    }

    @JsonProperty
    public void setNetworkMode(String networkMode) {
        this.networkMode = networkMode;
    }

    @JsonProperty
    public boolean isAllowHostNetwork() {
        return allowHostNetwork;
    }

    @JsonProperty
    public void setAllowHostNetwork(boolean allowHostNetwork) {
        this.allowHostNetwork = allowHostNetwork;
    }

    @JsonProperty
    public boolean isAddHostGateway() {
        return addHostGateway;
    }

    @JsonProperty
    public void setAddHostGateway(boolean addHostGateway) {
        this.addHostGateway = addHostGateway;
    }

    @JsonProperty
    public long getMemoryMb() {
        return memoryMb;
    }

    @JsonProperty
    public void setMemoryMb(long memoryMb) {
        this.memoryMb = memoryMb;
    }

    @JsonProperty
    public double getCpus() {
        return cpus;
    }

    @JsonProperty
    public void setCpus(double cpus) {
        this.cpus = cpus;
    }

    @JsonProperty
    public String getPlatformUrl() {
        return platformUrl;
    }

    @JsonProperty
    public void setPlatformUrl(String platformUrl) {
        this.platformUrl = platformUrl == null || platformUrl.isBlank() ? null : platformUrl.trim();
    }

    @JsonProperty
    public String getSecretsDirectory() {
        return secretsDirectory;
    }

    @JsonProperty
    public void setSecretsDirectory(String secretsDirectory) {
        this.secretsDirectory = secretsDirectory;
    }

    @JsonProperty
    public String getSecretsOwner() {
        return secretsOwner;
    }

    @JsonProperty
    public void setSecretsOwner(String secretsOwner) {
        this.secretsOwner = secretsOwner;
    }

    @JsonProperty
    public long getSecretsTmpfsKb() {
        return secretsTmpfsKb;
    }

    @JsonProperty
    public void setSecretsTmpfsKb(long secretsTmpfsKb) {
        this.secretsTmpfsKb = secretsTmpfsKb;
    }

    @JsonProperty
    public Duration getStopTimeout() {
        return stopTimeout;
    }

    @JsonProperty
    public void setStopTimeout(Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
    }

    @JsonProperty
    public boolean isAutoRemove() {
        return autoRemove;
    }

    @JsonProperty
    public void setAutoRemove(boolean autoRemove) {
        this.autoRemove = autoRemove;
    }
}
