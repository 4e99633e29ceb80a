package io.viberglass.platform.clankers;

import java.util.List;

/**
 * A built-in deployment strategy as the dashboard shows it.
 *
 * @param requiredConfig {@code deploymentConfig} keys a runner of this strategy must set
 * @param provisioning what {@code POST /clankers/{id}/start} checks or creates
 * @param provisioned whether starting a runner of this strategy provisions anything (else it is active at once)
 */
public record DeploymentStrategyInfo(
        DeploymentStrategy name,
        String description,
        List<String> requiredConfig,
        String provisioning,
        boolean provisioned) {

    static DeploymentStrategyInfo of(DeploymentStrategy strategy, boolean provisioned) {
        String description;
        String provisioning;
        switch (strategy) {
            case LOCAL -> {
                description = "A viberator child process on the platform host";
                provisioning = "Nothing: the runner is active at once";
            }
            case DOCKER -> {
                description = "One container per job on a Docker Engine";
                provisioning = "Inspects the image (deploymentConfig.image, else the agent's catalog image) and pulls "
                        + "it when missing, unless pullPolicy is never";
            }
            case ECS -> {
                description = "One ECS task per job, Fargate by default";
                provisioning = "Describes the task definition; with registerTaskDefinition it registers one "
                        + "(image, executionRoleArn, cpu, memoryMb) and stores its ARN";
            }
            case LAMBDA -> {
                description = "An asynchronous invocation of the worker function per job (at most 15 minutes)";
                provisioning = "Gets the function and waits until it is Active; with roleArn it creates a missing one "
                        + "from the image";
            }
            default -> {
                description = strategy.wire();
                provisioning = provisioned ? "Checked by its provisioner" : "Nothing: the runner is active at once";
            }
        }
        return new DeploymentStrategyInfo(
                strategy, description, DeploymentConfigRules.required(strategy), provisioning, provisioned);
    }
}
