package io.viberglass.platform.dispatch.ecs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.viberglass.platform.dispatch.aws.AwsRuntimeSettings;
import jakarta.validation.constraints.NotBlank;

/**
 * The ECS invoker: one task per job, on Fargate by default. The clanker's {@code deploymentConfig} names the
 * {@code cluster}, {@code taskDefinition}, {@code subnets} and optionally {@code securityGroups},
 * {@code assignPublicIp}, {@code containerName}, {@code launchType}, {@code region} and {@code environment}.
 */
public class EcsWorkerSettings extends AwsRuntimeSettings {
    /** Container of the task definition that runs the worker, unless the clanker names another. */
    @NotBlank
    private String containerName = "worker";

    /**
     * Prefix of the SSM SecureString parameter the callback token is staged in ({@code <prefix>/<jobId>}): RunTask
     * overrides are recorded by CloudTrail, so the token itself never goes there. Empty means
     * {@code <secrets.ssmPrefix>/callback-tokens}.
     */
    private String callbackTokenPrefix;

    @JsonProperty
    public String getContainerName() {
        return containerName;
    }

    @JsonProperty
    public void setContainerName(String containerName) {
        this.containerName = containerName;
    }

    @JsonProperty
    public String getCallbackTokenPrefix() {
        return callbackTokenPrefix;
    }

    @JsonProperty
    public void setCallbackTokenPrefix(String callbackTokenPrefix) {
        this.callbackTokenPrefix = callbackTokenPrefix == null || callbackTokenPrefix.isBlank()
                ? null
                : callbackTokenPrefix.trim().replaceAll("/+$", "");
    }
}
