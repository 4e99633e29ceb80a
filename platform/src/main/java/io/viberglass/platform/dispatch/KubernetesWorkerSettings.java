package io.viberglass.platform.dispatch;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/**
 * The kubernetes invoker: one Job per run in a namespace of the cluster the platform runs in (or its kubeconfig's).
 * A clanker's {@code deploymentConfig} may override {@code image}, {@code namespace}, {@code serviceAccount} and the
 * four resource values.
 */
public class KubernetesWorkerSettings {
    private boolean enabled = false;

    @NotBlank
    private String namespace = "viberglass-workers";

    /** The worker image; {@code {agent}} becomes the clanker's agent id (one image per agent). */
    @NotBlank
    private String imageTemplate = "viberglass/worker-{agent}:latest";

    /** Service account of worker pods; its token is never mounted, so it only matters for image pull secrets. */
    private String serviceAccount;

    /** Callback URL for workers, e.g. the platform's in-cluster service; empty means {@code publicUrl}. */
    private String platformUrl;

    @NotBlank
    private String cpuRequest = "500m";

    @NotBlank
    private String cpuLimit = "2";

    @NotBlank
    private String memoryRequest = "1Gi";

    @NotBlank
    private String memoryLimit = "4Gi";

    /** How long a finished Job (and its pod and Secret) is kept for inspection. */
    @Min(0)
    private int ttlSecondsAfterFinished = 3600;

    /** Added to a job's own time limit for {@code activeDeadlineSeconds}, so the worker can stop its agent first. */
    @NotNull
    private Duration deadlineMargin = Duration.minutes(2);

    /** A pod that cannot be scheduled this long fails its job as "no runner available". */
    @NotNull
    private Duration unschedulableGrace = Duration.minutes(10);

    @NotNull
    private List<String> imagePullSecrets = List.of();

    @NotNull
    private Map<String, String> nodeSelector = Map.of();

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public String getNamespace() {
        return namespace;
    }

    @JsonProperty
    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    @JsonProperty
    public String getImageTemplate() {
        return imageTemplate;
    }

    @JsonProperty
    public void setImageTemplate(String imageTemplate) {
        this.imageTemplate = imageTemplate;
    }

    @JsonProperty
    public String getServiceAccount() {
        return serviceAccount;
    }

    @JsonProperty
    public void setServiceAccount(String serviceAccount) {
        this.serviceAccount = serviceAccount;
    }

    @JsonProperty
    public String getPlatformUrl() {
        return platformUrl;
    }

    @JsonProperty
    public void setPlatformUrl(String platformUrl) {
        this.platformUrl = platformUrl;
    }

    @JsonProperty
    public String getCpuRequest() {
        return cpuRequest;
    }

    @JsonProperty
    public void setCpuRequest(String cpuRequest) {
        this.cpuRequest = cpuRequest;
    }

    @JsonProperty
    public String getCpuLimit() {
        return cpuLimit;
    }

    @JsonProperty
    public void setCpuLimit(String cpuLimit) {
        this.cpuLimit = cpuLimit;
    }

    @JsonProperty
    public String getMemoryRequest() {
        return memoryRequest;
    }

    @JsonProperty
    public void setMemoryRequest(String memoryRequest) {
        this.memoryRequest = memoryRequest;
    }

    @JsonProperty
    public String getMemoryLimit() {
        return memoryLimit;
    }

    @JsonProperty
    public void setMemoryLimit(String memoryLimit) {
        this.memoryLimit = memoryLimit;
    }

    @JsonProperty
    public int getTtlSecondsAfterFinished() {
        return ttlSecondsAfterFinished;
    }

    @JsonProperty
    public void setTtlSecondsAfterFinished(int ttlSecondsAfterFinished) {
        this.ttlSecondsAfterFinished = ttlSecondsAfterFinished;
    }

    @JsonProperty
    public Duration getDeadlineMargin() {
        return deadlineMargin;
    }

    @JsonProperty
    public void setDeadlineMargin(Duration deadlineMargin) {
        this.deadlineMargin = deadlineMargin;
    }

    @JsonProperty
    public Duration getUnschedulableGrace() {
        return unschedulableGrace;
    }

    @JsonProperty
    public void setUnschedulableGrace(Duration unschedulableGrace) {
        this.unschedulableGrace = unschedulableGrace;
    }

    @JsonProperty
    public List<String> getImagePullSecrets() {
        return imagePullSecrets;
    }

    @JsonProperty
    public void setImagePullSecrets(List<String> imagePullSecrets) {
        this.imagePullSecrets = imagePullSecrets;
    }

    @JsonProperty
    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    @JsonProperty
    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }
}
