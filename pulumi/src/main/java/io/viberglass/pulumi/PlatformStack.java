package io.viberglass.pulumi;

import com.pulumi.Context;
import com.pulumi.aws.appautoscaling.Policy;
import com.pulumi.aws.appautoscaling.PolicyArgs;
import com.pulumi.aws.appautoscaling.Target;
import com.pulumi.aws.appautoscaling.TargetArgs;
import com.pulumi.aws.appautoscaling.inputs.PolicyTargetTrackingScalingPolicyConfigurationArgs;
import com.pulumi.aws.appautoscaling.inputs.PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.inputs.SecurityGroupEgressArgs;
import com.pulumi.aws.ec2.inputs.SecurityGroupIngressArgs;
import com.pulumi.aws.ecs.Cluster;
import com.pulumi.aws.ecs.ClusterArgs;
import com.pulumi.aws.ecs.Service;
import com.pulumi.aws.ecs.ServiceArgs;
import com.pulumi.aws.ecs.TaskDefinition;
import com.pulumi.aws.ecs.TaskDefinitionArgs;
import com.pulumi.aws.ecs.inputs.ClusterSettingArgs;
import com.pulumi.aws.ecs.inputs.ServiceDeploymentCircuitBreakerArgs;
import com.pulumi.aws.ecs.inputs.ServiceLoadBalancerArgs;
import com.pulumi.aws.ecs.inputs.ServiceNetworkConfigurationArgs;
import com.pulumi.aws.ecs.inputs.TaskDefinitionRuntimePlatformArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;
import java.util.Map;

/**
 * The platform stack: PostgreSQL on RDS, the platform on ECS Fargate behind the HTTPS load balancer, scaling on CPU,
 * with its configuration wired from the base and workers stacks. Only the load balancer is reachable from outside;
 * the tasks accept traffic from it alone and the database from the tasks alone.
 */
public final class PlatformStack {
    static final int PORT = 8080;
    static final String CONTAINER = "platform";

    private final PlatformConfig config;
    private final Stacks.Aws aws;
    private final StackInputs base;
    private final StackInputs workers;
    private final String prefix;
    private final Map<String, String> tags;

    private PlatformStack(PlatformConfig config, Stacks.Aws aws, StackInputs base, StackInputs workers) {
        this.config = config;
        this.aws = aws;
        this.base = base;
        this.workers = workers;
        this.prefix = Stacks.prefix(config.environment());
        this.tags = Stacks.tags(config.environment(), "platform");
    }

    public static void define(Context ctx, PlatformConfig config) {
        new PlatformStack(
                        config,
                        Stacks.Aws.current(config.region()),
                        StackInputs.of("base", config.baseStack()),
                        StackInputs.of("workers", config.workersStack()))
                .build(ctx);
    }

    /** The SSM parameter holding the key that encrypts database-stored secrets; created by the operator, never here. */
    String encryptionKeyParameter() {
        return BaseStack.ssmPrefix(config.environment()) + "/platform/secrets-encryption-key";
    }

    /** Where the ECS invoker stages each run's callback token for the task's role to read (ECS_CALLBACK_TOKEN_PREFIX). */
    static String callbackTokenPrefix(String environment) {
        return BaseStack.ssmPrefix(environment) + "/callback-tokens";
    }

    String secretsPrefix() {
        return BaseStack.ssmPrefix(config.environment()) + "/secrets";
    }

    private void build(Context ctx) {
        Output<String> environment = base.environment(config.environment());
        workers.environment(config.environment());
        Output<String> keyArn = base.string("kmsKeyArn");
        Output<String> vpcCidr = base.string("vpcCidr");
        Output<List<String>> privateSubnets = base.strings("privateSubnetIds");

        SecurityGroup albGroup = group(
                "alb",
                "Viberglass load balancer: HTTPS (and HTTP, redirected) in; the platform port out",
                List.of(
                        ingress("HTTPS from clients", 443, Output.of(config.ingressCidrs())),
                        ingress("HTTP from clients, redirected to HTTPS", 80, Output.of(config.ingressCidrs()))),
                List.of(egress("to the platform tasks", PORT, vpcCidr.applyValue(List::of))));
        SecurityGroup platformGroup = group(
                "platform",
                "Viberglass platform tasks: the platform port from the load balancer only",
                List.of(SecurityGroupIngressArgs.builder()
                        .description("from the load balancer")
                        .protocol("tcp")
                        .fromPort(PORT)
                        .toPort(PORT)
                        .securityGroups(albGroup.id().applyValue(List::of))
                        .build()),
                List.of(
                        egress("HTTPS to AWS APIs, git hosts and webhooks", 443, Output.of(List.of("0.0.0.0/0"))),
                        egress("PostgreSQL inside the VPC", 5432, vpcCidr.applyValue(List::of))));
        SecurityGroup databaseGroup = group(
                "db",
                "Viberglass database: PostgreSQL from the platform tasks only",
                List.of(SecurityGroupIngressArgs.builder()
                        .description("from the platform tasks")
                        .protocol("tcp")
                        .fromPort(5432)
                        .toPort(5432)
                        .securityGroups(platformGroup.id().applyValue(List::of))
                        .build()),
                List.of());

        Database database = Database.create(config, prefix, privateSubnets, databaseGroup, keyArn, tags);
        LoadBalancer balancer = LoadBalancer.create(
                config, prefix, base.string("vpcId"), base.strings("publicSubnetIds"), albGroup, tags);
        Output<String> publicUrl = config.publicUrl() != null
                ? Output.of(config.publicUrl())
                : balancer.balancer().dnsName().applyValue(dns -> "https://" + dns);
        Output<String> encryptionKeyParameterArn = aws.arn("ssm", "parameter" + encryptionKeyParameter());
        LogGroup logs = LogGroups.create(
                BaseStack.logGroupPrefix(config.environment()) + "/platform", config.logRetentionDays(), keyArn, tags);
        PlatformRoles roles = PlatformRoles.create(
                prefix,
                config.region(),
                aws,
                logs,
                new PlatformRoles.Scope(
                        keyArn,
                        base.string("platformRepositoryArn"),
                        base.string("mediaBucketArn"),
                        database.secretArn(),
                        encryptionKeyParameterArn,
                        "parameter" + secretsPrefix() + "/*",
                        "parameter" + callbackTokenPrefix(config.environment()) + "/*",
                        workers.stringMap("taskDefinitionFamilies"),
                        workers.string("clusterArn"),
                        workers.string("clusterName"),
                        workers.string("executionRoleArn"),
                        workers.string("taskRoleArn"),
                        config.lambdaWorker() ? workers.string("lambdaFunctionArn") : null),
                tags);

        Cluster cluster = new Cluster(
                prefix + "-platform",
                ClusterArgs.builder()
                        .name(prefix + "-platform")
                        .settings(ClusterSettingArgs.builder()
                                .name("containerInsights")
                                .value("enabled")
                                .build())
                        .tags(tags)
                        .build());
        TaskDefinition task = new TaskDefinition(
                prefix + "-platform",
                TaskDefinitionArgs.builder()
                        .family(prefix + "-platform")
                        .requiresCompatibilities("FARGATE")
                        .networkMode("awsvpc")
                        .cpu(String.valueOf(config.cpu()))
                        .memory(String.valueOf(config.memory()))
                        .runtimePlatform(TaskDefinitionRuntimePlatformArgs.builder()
                                .operatingSystemFamily("LINUX")
                                .cpuArchitecture("X86_64")
                                .build())
                        .executionRoleArn(roles.execution().arn())
                        .taskRoleArn(roles.task().arn())
                        .containerDefinitions(JsonOutput.render(List.of(PlatformContainer.definition(
                                config,
                                new PlatformContainer.Inputs(
                                        base.string("platformRepositoryUrl")
                                                .applyValue(url -> url + ":" + config.imageTag()),
                                        publicUrl,
                                        database,
                                        base.string("mediaBucketName"),
                                        encryptionKeyParameterArn,
                                        secretsPrefix(),
                                        callbackTokenPrefix(config.environment()),
                                        logs)))))
                        .tags(tags)
                        .build());
        Service service = new Service(
                prefix + "-platform",
                ServiceArgs.builder()
                        .name(prefix + "-platform")
                        .cluster(cluster.arn())
                        .taskDefinition(task.arn())
                        .launchType("FARGATE")
                        .desiredCount(config.desiredCount())
                        .networkConfiguration(ServiceNetworkConfigurationArgs.builder()
                                .subnets(privateSubnets)
                                .securityGroups(platformGroup.id().applyValue(List::of))
                                .assignPublicIp(false)
                                .build())
                        .loadBalancers(ServiceLoadBalancerArgs.builder()
                                .targetGroupArn(balancer.targets().arn())
                                .containerName(CONTAINER)
                                .containerPort(PORT)
                                .build())
                        // the first start migrates the database before /health answers
                        .healthCheckGracePeriodSeconds(180)
                        .deploymentMinimumHealthyPercent(100)
                        .deploymentMaximumPercent(200)
                        .deploymentCircuitBreaker(ServiceDeploymentCircuitBreakerArgs.builder()
                                .enable(true)
                                .rollback(true)
                                .build())
                        .enableExecuteCommand(false)
                        .propagateTags("SERVICE")
                        .tags(tags)
                        .build(),
                CustomResourceOptions.builder()
                        .dependsOn(balancer.https())
                        // the autoscaler owns the running count once deployed
                        .ignoreChanges("desiredCount")
                        .build());
        autoscaling(cluster, service);

        ctx.export("environment", environment);
        ctx.export("url", publicUrl);
        ctx.export("loadBalancerDnsName", balancer.balancer().dnsName());
        ctx.export("loadBalancerZoneId", balancer.balancer().zoneId());
        ctx.export("clusterArn", cluster.arn());
        ctx.export("serviceName", service.name());
        ctx.export("taskDefinitionArn", task.arn());
        ctx.export("logGroupName", logs.name());
        ctx.export("databaseAddress", database.instance().address());
        ctx.export("databaseSecretArn", database.secretArn());
        ctx.export("encryptionKeyParameter", Output.of(encryptionKeyParameter()));
        ctx.export("secretsSsmPrefix", Output.of(secretsPrefix()));
        ctx.export("ecsClankerConfigs", workers.value("ecsClankerConfigs"));
        if (config.lambdaWorker()) {
            ctx.export("lambdaClankerConfig", workers.value("lambdaClankerConfig"));
        }
    }

    private void autoscaling(Cluster cluster, Service service) {
        Target target = new Target(
                prefix + "-platform",
                TargetArgs.builder()
                        .serviceNamespace("ecs")
                        .scalableDimension("ecs:service:DesiredCount")
                        .resourceId(Output.format("service/%s/%s", cluster.name(), service.name()))
                        .minCapacity(config.minCount())
                        .maxCapacity(config.maxCount())
                        .tags(tags)
                        .build());
        new Policy(
                prefix + "-platform-cpu",
                PolicyArgs.builder()
                        .name(prefix + "-platform-cpu")
                        .policyType("TargetTrackingScaling")
                        .serviceNamespace(target.serviceNamespace())
                        .scalableDimension(target.scalableDimension())
                        .resourceId(target.resourceId())
                        .targetTrackingScalingPolicyConfiguration(
                                PolicyTargetTrackingScalingPolicyConfigurationArgs.builder()
                                        .targetValue((double) config.cpuTargetPercent())
                                        .predefinedMetricSpecification(
                                                PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs
                                                        .builder()
                                                        .predefinedMetricType("ECSServiceAverageCPUUtilization")
                                                        .build())
                                        .scaleInCooldown(300)
                                        .scaleOutCooldown(60)
                                        .build())
                        .build());
    }

    private SecurityGroup group(
            String role,
            String description,
            List<SecurityGroupIngressArgs> ingress,
            List<SecurityGroupEgressArgs> egress) {
        SecurityGroupArgs.Builder args = SecurityGroupArgs.builder()
                .name(prefix + "-" + role)
                .description(description)
                .vpcId(base.string("vpcId"))
                .ingress(ingress)
                .tags(tags);
        if (!egress.isEmpty()) {
            args.egress(egress);
        }
        return new SecurityGroup(prefix + "-" + role, args.build());
    }

    private static SecurityGroupIngressArgs ingress(String description, int port, Output<List<String>> cidrs) {
        return SecurityGroupIngressArgs.builder()
                .description(description)
                .protocol("tcp")
                .fromPort(port)
                .toPort(port)
                .cidrBlocks(cidrs)
                .build();
    }

    private static SecurityGroupEgressArgs egress(String description, int port, Output<List<String>> cidrs) {
        return SecurityGroupEgressArgs.builder()
                .description(description)
                .protocol("tcp")
                .fromPort(port)
                .toPort(port)
                .cidrBlocks(cidrs)
                .build();
    }
}
