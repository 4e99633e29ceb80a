package io.viberglass.platform.clankers;

import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.errors.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What each deployment strategy needs in {@code deploymentConfig} before its clanker can run anything. */
final class DeploymentConfigRules {
    private DeploymentConfigRules() {}

    static List<String> required(DeploymentStrategy strategy) {
        return switch (strategy) {
            case LOCAL -> List.of();
            // the image defaults to the catalog's for the agent; provisioning stores the one it checked
            case DOCKER -> List.of();
            case ECS -> List.of("cluster", "taskDefinition", "subnets");
            case LAMBDA -> List.of("functionName");
            // the image comes from dispatch.kubernetes.imageTemplate unless the clanker names one
            case KUBERNETES -> List.of();
        };
    }

    /** Field errors for missing or mistyped settings; empty when the configuration is complete. */
    static List<FieldError> problems(DeploymentStrategy strategy, Map<String, Object> config) {
        List<FieldError> problems = new ArrayList<>();
        for (String key : required(strategy)) {
            Object value = config.get(key);
            boolean present = value instanceof String text
                    ? !text.isBlank()
                    : value instanceof List<?> list ? !list.isEmpty() : value != null;
            if (!present) {
                problems.add(new FieldError(
                        "deploymentConfig." + key, "is required for the " + strategy.wire() + " strategy"));
            }
        }
        for (String key : List.of("subnets", "securityGroups", "command")) {
            Object value = config.get(key);
            if (value != null && !(value instanceof List<?>)) {
                problems.add(new FieldError("deploymentConfig." + key, "must be a list"));
            }
        }
        Object environment = config.get("environment");
        if (environment != null && !(environment instanceof Map<?, ?>)) {
            problems.add(
                    new FieldError("deploymentConfig.environment", "must be an object of variable names to values"));
        }
        for (String key : List.of("memoryMb", "cpus")) {
            Object value = config.get(key);
            if (value != null && !(value instanceof Number number && number.doubleValue() > 0)) {
                problems.add(new FieldError("deploymentConfig." + key, "must be a positive number"));
            }
        }
        return problems;
    }

    static void check(DeploymentStrategy strategy, Map<String, Object> config) {
        List<FieldError> problems = problems(strategy, config);
        if (!problems.isEmpty()) {
            throw DomainException.invalid(
                    "PROVISIONING_CONFIG_ERROR",
                    "The " + strategy.wire() + " strategy needs " + required(strategy),
                    problems);
        }
    }
}
