package io.viberglass.pulumi;

import com.pulumi.Context;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.inputs.SecurityGroupEgressArgs;
import com.pulumi.aws.ecs.Cluster;
import com.pulumi.aws.ecs.ClusterArgs;
import com.pulumi.aws.ecs.TaskDefinition;
import com.pulumi.aws.ecs.TaskDefinitionArgs;
import com.pulumi.aws.ecs.inputs.ClusterSettingArgs;
import com.pulumi.aws.ecs.inputs.TaskDefinitionRuntimePlatformArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.lambda.Function;
import com.pulumi.aws.lambda.FunctionArgs;
import com.pulumi.aws.lambda.inputs.FunctionEnvironmentArgs;
import com.pulumi.aws.lambda.inputs.FunctionEphemeralStorageArgs;
import com.pulumi.aws.lambda.inputs.FunctionLoggingConfigArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workers stack: the ECS cluster and one Fargate task definition per agent image, the Lambda worker function, and
 * their roles. Workers run in private subnets with no inbound access; they reach the platform, git hosts and model
 * APIs over HTTPS through the NAT gateway. Roles may read the environment's worker secrets by name and write their own
 * log group, nothing more.
 */
public final class WorkersStack {
    /** The container name in every worker task definition; the ECS invoker overrides its environment. */
    static final String CONTAINER = "worker";

    private final WorkersConfig config;
    private final Stacks.Aws aws;
    private final StackInputs base;
    private final String prefix;
    private final Map<String, String> tags;

    private WorkersStack(WorkersConfig config, Stacks.Aws aws, StackInputs base) {
        this.config = config;
        this.aws = aws;
        this.base = base;
        this.prefix = Stacks.prefix(config.environment());
        this.tags = Stacks.tags(config.environment(), "workers");
    }

    public static void define(Context ctx, WorkersConfig config) {
        new WorkersStack(config, Stacks.Aws.current(config.region()), StackInputs.of("base", config.baseStack()))
                .build(ctx);
    }

    private void build(Context ctx) {
        Output<String> environment = base.environment(config.environment());
        Output<String> keyArn = base.string("kmsKeyArn");
        String logPrefix = BaseStack.logGroupPrefix(config.environment()) + "/workers";

        Cluster cluster = new Cluster(
                prefix + "-workers",
                ClusterArgs.builder()
                        .name(prefix + "-workers")
                        .settings(ClusterSettingArgs.builder()
                                .name("containerInsights")
                                .value(config.containerInsights() ? "enabled" : "disabled")
                                .build())
                        .tags(tags)
                        .build());
        SecurityGroup group = new SecurityGroup(
                prefix + "-workers",
                SecurityGroupArgs.builder()
                        .name(prefix + "-workers")
                        .description("Viberglass workers: no inbound; HTTPS out to the platform, git and model APIs")
                        .vpcId(base.string("vpcId"))
                        .egress(SecurityGroupEgressArgs.builder()
                                .description("HTTPS out")
                                .protocol("tcp")
                                .fromPort(443)
                                .toPort(443)
                                .cidrBlocks("0.0.0.0/0")
                                .build())
                        .tags(tags)
                        .build());
        LogGroup ecsLogs = LogGroups.create(logPrefix + "/ecs", config.logRetentionDays(), keyArn, tags);

        Role execution = Iam.serviceRole(prefix + "-worker-execution", "ecs-tasks.amazonaws.com", aws, tags);
        Iam.inlinePolicy(prefix + "-worker-execution", execution, executionStatements(ecsLogs, keyArn));
        Role task = Iam.serviceRole(prefix + "-worker-task", "ecs-tasks.amazonaws.com", aws, tags);
        Iam.inlinePolicy(prefix + "-worker-task", task, secretReadStatements(keyArn));

        Output<Map<String, String>> repositories = base.stringMap("workerRepositoryUrls");
        Map<String, TaskDefinition> definitions = new LinkedHashMap<>();
        for (String agent : config.agents()) {
            definitions.put(agent, taskDefinition(agent, repositories, ecsLogs, execution, task));
        }

        Output<List<String>> subnets = base.strings("privateSubnetIds");
        ctx.export("environment", environment);
        ctx.export("clusterArn", cluster.arn());
        ctx.export("clusterName", cluster.name());
        ctx.export("containerName", Output.of(CONTAINER));
        ctx.export("taskDefinitionArns", byAgent(definitions, TaskDefinition::arn));
        ctx.export("taskDefinitionFamilies", byAgent(definitions, TaskDefinition::family));
        ctx.export("executionRoleArn", execution.arn());
        ctx.export("taskRoleArn", task.arn());
        ctx.export("workerSecurityGroupId", group.id());
        ctx.export("workerSubnetIds", subnets);
        ctx.export("ecsLogGroupName", ecsLogs.name());
        ctx.export("secretsSsmPrefix", Output.of(secretsPrefix()));
        ctx.export(
                "ecsClankerConfigs",
                Output.tuple(byAgent(definitions, TaskDefinition::family), cluster.name(), subnets, group.id())
                        .applyValue(t -> {
                            Map<String, Object> configs = new LinkedHashMap<>();
                            t.t1.forEach((agent, family) -> configs.put(
                                    agent,
                                    Map.of(
                                            "cluster",
                                            t.t2,
                                            "taskDefinition",
                                            family,
                                            "containerName",
                                            CONTAINER,
                                            "subnets",
                                            t.t3,
                                            "securityGroups",
                                            List.of(t.t4),
                                            "assignPublicIp",
                                            false)));
                            return configs;
                        }));
        if (config.lambdaWorker()) {
            Function function = lambda(keyArn, logPrefix);
            ctx.export("lambdaFunctionName", function.name());
            ctx.export("lambdaFunctionArn", function.arn());
            ctx.export("lambdaRoleArn", function.role());
            ctx.export("lambdaClankerConfig", function.name().applyValue(name -> Map.of("functionName", name)));
        }
    }

    /** Worker secrets live under this SSM path; workers read them by name, the platform writes them. */
    String secretsPrefix() {
        return BaseStack.ssmPrefix(config.environment()) + "/secrets";
    }

    private Output<String> secretsArnPattern() {
        return aws.arn("ssm", "parameter" + secretsPrefix() + "/*");
    }

    private List<Map<String, Object>> executionStatements(LogGroup logs, Output<String> keyArn) {
        Output<List<String>> repositories = base.stringMap("workerRepositoryArns")
                .applyValue(arns -> {
                    List<String> selected = new ArrayList<>();
                    for (String agent : config.agents()) {
                        String arn = arns.get(agent);
                        if (arn == null) {
                            throw new IllegalStateException("The base stack has no worker image repository for agent '"
                                    + agent + "': add it to the base stack's agents");
                        }
                        selected.add(arn);
                    }
                    return selected;
                });
        List<Map<String, Object>> statements = new ArrayList<>(List.of(
                Iam.allow("SignInToTheRegistry", List.of("ecr:GetAuthorizationToken"), List.of("*")),
                Iam.allow(
                        "PullWorkerImages",
                        List.of("ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"),
                        repositories),
                Iam.allow(
                        "WriteOwnLogGroup",
                        List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        List.of(LogGroups.streams(logs)))));
        if (!config.workerSecrets().isEmpty()) {
            statements.add(Iam.allow(
                    "InjectConfiguredSecrets",
                    List.of("ssm:GetParameters"),
                    config.workerSecrets().stream().map(this::secretArn).toList()));
            statements.add(decryptThroughSsm(keyArn));
        }
        return statements;
    }

    /**
     * The worker itself may read secrets under the environment's worker path, by name, and its run's callback token
     * where the platform's ECS invoker stages it; nothing else.
     */
    private List<Map<String, Object>> secretReadStatements(Output<String> keyArn) {
        return List.of(
                Iam.allow(
                        "ReadWorkerSecretsByName",
                        List.of("ssm:GetParameter", "ssm:GetParameters"),
                        List.of(
                                secretsArnPattern(),
                                aws.arn(
                                        "ssm",
                                        "parameter" + PlatformStack.callbackTokenPrefix(config.environment()) + "/*"))),
                decryptThroughSsm(keyArn));
    }

    private Map<String, Object> decryptThroughSsm(Output<String> keyArn) {
        return Iam.allow(
                "DecryptSecretsThroughSsm",
                List.of("kms:Decrypt"),
                List.of(keyArn),
                Map.of("StringEquals", Map.of("kms:ViaService", "ssm." + config.region() + ".amazonaws.com")));
    }

    private Output<String> secretArn(String name) {
        return aws.arn("ssm", "parameter" + secretsPrefix() + "/" + name);
    }

    private TaskDefinition taskDefinition(
            String agent, Output<Map<String, String>> repositories, LogGroup logs, Role execution, Role task) {
        Output<String> image = repositories.applyValue(urls -> {
            String url = urls.get(agent);
            if (url == null) {
                throw new IllegalStateException("The base stack has no worker image repository for agent '" + agent
                        + "': add it to the base stack's agents");
            }
            return url + ":" + config.imageTag();
        });
        List<Map<String, Object>> secrets = config.workerSecrets().stream()
                .map(name -> Map.<String, Object>of("name", name, "valueFrom", secretArn(name)))
                .toList();
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", CONTAINER);
        container.put("image", image);
        container.put("essential", true);
        container.put(
                "environment",
                List.of(
                        Map.of("name", "WORK_DIR", "value", "/tmp/viberator-work"),
                        Map.of("name", "SECRETS_SSM_PREFIX", "value", secretsPrefix()),
                        Map.of("name", "AWS_REGION", "value", config.region()),
                        Map.of("name", "VIBERATOR_AGENT", "value", agent)));
        container.put("secrets", secrets);
        container.put(
                "logConfiguration",
                Map.of(
                        "logDriver",
                        "awslogs",
                        "options",
                        Map.of(
                                "awslogs-group", logs.name(),
                                "awslogs-region", config.region(),
                                "awslogs-stream-prefix", agent)));
        // the worker reports a cancelled result when stopped; give it the time to do so
        container.put("stopTimeout", 30);
        String family = prefix + "-worker-" + agent;
        return new TaskDefinition(
                family,
                TaskDefinitionArgs.builder()
                        .family(family)
                        .requiresCompatibilities("FARGATE")
                        .networkMode("awsvpc")
                        .cpu(String.valueOf(config.cpu()))
                        .memory(String.valueOf(config.memory()))
                        .runtimePlatform(TaskDefinitionRuntimePlatformArgs.builder()
                                .operatingSystemFamily("LINUX")
                                .cpuArchitecture("X86_64")
                                .build())
                        .executionRoleArn(execution.arn())
                        .taskRoleArn(task.arn())
                        .containerDefinitions(JsonOutput.render(List.of(container)))
                        .tags(tags)
                        .build());
    }

    private Function lambda(Output<String> keyArn, String logPrefix) {
        String name = prefix + "-worker";
        LogGroup logs = LogGroups.create(logPrefix + "/lambda", config.logRetentionDays(), keyArn, tags);
        Role role = Iam.serviceRole(prefix + "-worker-lambda", "lambda.amazonaws.com", aws, tags);
        List<Map<String, Object>> statements = new ArrayList<>();
        statements.add(Iam.allow(
                "WriteOwnLogGroup",
                List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                List.of(LogGroups.streams(logs))));
        statements.addAll(secretReadStatements(keyArn));
        var policy = Iam.inlinePolicy(prefix + "-worker-lambda", role, statements);
        return new Function(
                name,
                FunctionArgs.builder()
                        .name(name)
                        .description("Viberglass " + config.environment() + " worker: one job per invocation")
                        .packageType("Image")
                        .imageUri(base.string("lambdaRepositoryUrl")
                                .applyValue(url -> url + ":" + config.lambdaImageTag()))
                        .role(role.arn())
                        .architectures("x86_64")
                        .memorySize(config.lambdaMemory())
                        .timeout(config.lambdaTimeoutSeconds())
                        .ephemeralStorage(FunctionEphemeralStorageArgs.builder()
                                .size(10240)
                                .build())
                        .reservedConcurrentExecutions(config.lambdaReservedConcurrency())
                        .loggingConfig(FunctionLoggingConfigArgs.builder()
                                .logFormat("Text")
                                .logGroup(logs.name())
                                .build())
                        .environment(FunctionEnvironmentArgs.builder()
                                .variables(Map.of(
                                        "HOME", "/tmp",
                                        "WORK_DIR", "/tmp/viberator-work",
                                        "SECRETS_SSM_PREFIX", secretsPrefix()))
                                .build())
                        .tags(tags)
                        .build(),
                // the role must be able to write its logs before the first invocation
                CustomResourceOptions.builder().dependsOn(policy).build());
    }

    private static Output<Map<String, String>> byAgent(
            Map<String, TaskDefinition> definitions,
            java.util.function.Function<TaskDefinition, Output<String>> value) {
        List<Output<Map.Entry<String, String>>> entries = definitions.entrySet().stream()
                .map(entry -> value.apply(entry.getValue()).applyValue(v -> Map.entry(entry.getKey(), v)))
                .toList();
        return Output.all(entries).applyValue(list -> {
            Map<String, String> map = new LinkedHashMap<>();
            list.forEach(entry -> map.put(entry.getKey(), entry.getValue()));
            return map;
        });
    }
}
