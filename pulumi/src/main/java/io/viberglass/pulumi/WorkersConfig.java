package io.viberglass.pulumi;

import io.viberglass.common.job.AgentType;
import java.util.List;
import java.util.Set;

/**
 * Settings of the workers stack.
 *
 * @param baseStack the base stack to read (organization/project/stack)
 * @param imageTag the worker image tag to run (tags are immutable: a git commit or a release number)
 * @param agents the agents that get an ECS task definition; each needs its image in the base stack's repository
 * @param workerSecrets SSM parameter names under {@code <ssmPrefix>/secrets/} handed to every ECS worker as the
 *     environment variable of the same name (model API keys); the values stay in SSM, the task definition holds names
 * @param lambdaWorker whether to create the Lambda worker function (its image must be pushed first)
 */
public record WorkersConfig(
        String environment,
        String region,
        String baseStack,
        String imageTag,
        List<String> agents,
        int cpu,
        int memory,
        int logRetentionDays,
        boolean containerInsights,
        List<String> workerSecrets,
        boolean lambdaWorker,
        String lambdaImageTag,
        int lambdaMemory,
        int lambdaTimeoutSeconds,
        int lambdaReservedConcurrency) {

    /** CloudWatch's allowed retention periods, in days. */
    static final Set<Integer> RETENTION_DAYS = Set.of(
            1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    public WorkersConfig {
        Stacks.checkEnvironmentName(environment);
        agents.forEach(AgentType::fromWire);
        checkRetention(logRetentionDays);
        if (!imageTag.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")) {
            throw new IllegalArgumentException("imageTag is not a valid image tag: " + imageTag);
        }
        for (String name : workerSecrets) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException(
                        "workerSecrets names become environment variables and must match [A-Za-z_][A-Za-z0-9_]*: "
                                + name);
            }
        }
        if (lambdaTimeoutSeconds < 60 || lambdaTimeoutSeconds > 900) {
            throw new IllegalArgumentException("lambdaTimeoutSeconds must be 60..900 (Lambda's limit)");
        }
        agents = List.copyOf(agents);
        workerSecrets = List.copyOf(workerSecrets);
    }

    static void checkRetention(int days) {
        if (!RETENTION_DAYS.contains(days)) {
            throw new IllegalArgumentException(
                    "logRetentionDays must be one of CloudWatch's periods " + RETENTION_DAYS + ": " + days);
        }
    }

    public static WorkersConfig from(ConfigSource config, String organization, String stackName) {
        String imageTag = config.require("imageTag");
        return new WorkersConfig(
                config.require("environment"),
                config.string("aws:region", "eu-west-1"),
                config.string("baseStack", organization + "/" + Stacks.BASE_PROJECT + "/" + stackName),
                imageTag,
                config.list("agents", BaseConfig.ALL_AGENTS),
                config.integer("cpu", 2048),
                config.integer("memory", 4096),
                config.integer("logRetentionDays", 30),
                config.bool("containerInsights", true),
                config.list("workerSecrets", List.of()),
                config.bool("lambdaWorker", false),
                config.string("lambdaImageTag", imageTag),
                config.integer("lambdaMemory", 2048),
                config.integer("lambdaTimeoutSeconds", 900),
                config.integer("lambdaReservedConcurrency", -1));
    }
}
