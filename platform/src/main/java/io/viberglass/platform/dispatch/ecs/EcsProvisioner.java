package io.viberglass.platform.dispatch.ecs;

import io.viberglass.platform.clankers.Availability;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.DeploymentStrategy;
import io.viberglass.platform.clankers.Provisioned;
import io.viberglass.platform.clankers.ProvisioningException;
import io.viberglass.platform.clankers.ProvisioningProgress;
import io.viberglass.platform.clankers.RuntimeProvisioner;
import io.viberglass.platform.clankers.WorkerImage;
import io.viberglass.platform.dispatch.InvocationException;
import io.viberglass.platform.dispatch.RuntimeConfig;
import io.viberglass.platform.dispatch.aws.AwsClients;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * Makes an ECS clanker ready: its cluster is ACTIVE and its task definition is registered with the worker container.
 * With {@code registerTaskDefinition: true} it registers a new revision of the family named by {@code taskDefinition}
 * (Fargate, awsvpc, the clanker's image or the agent's catalog image) and stores the new ARN.
 */
public class EcsProvisioner implements RuntimeProvisioner {
    private final AwsClients<EcsClient> ecs;
    private final EcsWorkerSettings settings;

    public EcsProvisioner(AwsClients<EcsClient> ecs, EcsWorkerSettings settings) {
        this.ecs = ecs;
        this.settings = settings;
    }

    @Override
    public DeploymentStrategy strategy() {
        return DeploymentStrategy.ECS;
    }

    @Override
    public Provisioned provision(Clanker clanker, WorkerImage catalog, ProvisioningProgress progress)
            throws ProvisioningException {
        RuntimeConfig config = new RuntimeConfig("ecs", clanker.deploymentConfig());
        try {
            EcsClient client = ecs.forRegion(config.string("region"));
            String cluster = config.required("cluster");
            String taskDefinition = config.required("taskDefinition");
            String container = config.string("containerName").orElse(settings.getContainerName());
            progress.report("Checking ECS cluster " + cluster);
            checkCluster(client, cluster);
            if (config.bool("registerTaskDefinition").orElse(false)) {
                String image = config.string("image").orElse(catalog.image());
                String family = family(taskDefinition);
                progress.report("Registering task definition " + family + " with image " + image);
                TaskDefinition registered = register(client, config, family, container, image);
                String arn = registered.taskDefinitionArn();
                return new Provisioned(
                        Map.of("taskDefinition", arn, "image", image),
                        resources(registered, image),
                        "Task definition " + arn + " registered");
            }
            progress.report("Checking task definition " + taskDefinition);
            TaskDefinition found = describe(client, taskDefinition);
            String image = found.containerDefinitions().stream()
                    .filter(definition -> container.equals(definition.name()))
                    .findFirst()
                    .orElseThrow(() -> new ProvisioningException("Task definition " + taskDefinition
                            + " has no container named " + container + " (deploymentConfig.containerName)"))
                    .image();
            return new Provisioned(
                    Map.of(),
                    resources(found, image),
                    "Task definition " + found.taskDefinitionArn() + " ready (image " + image + ")");
        } catch (InvocationException e) {
            throw new ProvisioningException(e.getMessage(), e);
        } catch (SdkException e) {
            throw new ProvisioningException("ECS: " + e.getMessage(), e);
        }
    }

    @Override
    public Availability check(Clanker clanker) {
        RuntimeConfig config = new RuntimeConfig("ecs", clanker.deploymentConfig());
        try {
            TaskDefinition found = describe(ecs.forRegion(config.string("region")), config.required("taskDefinition"));
            return Availability.ready("ECS task definition ready: " + found.taskDefinitionArn());
        } catch (ProvisioningException | InvocationException e) {
            return Availability.missing(e.getMessage());
        } catch (SdkClientException e) {
            return Availability.unreachable("ECS does not answer: " + e.getMessage());
        } catch (SdkException e) {
            return Availability.unreachable("ECS: " + e.getMessage());
        }
    }

    private static void checkCluster(EcsClient client, String cluster) throws ProvisioningException {
        DescribeClustersResponse response = client.describeClusters(describe -> describe.clusters(cluster));
        Cluster found = response.clusters().stream().findFirst().orElse(null);
        if (found == null) {
            String reason = response.failures().isEmpty()
                    ? "not found"
                    : response.failures().get(0).reason();
            throw new ProvisioningException("ECS cluster " + cluster + ": " + reason);
        }
        if (!"ACTIVE".equals(found.status())) {
            throw new ProvisioningException("ECS cluster " + cluster + " is " + found.status());
        }
    }

    private static TaskDefinition describe(EcsClient client, String taskDefinition) throws ProvisioningException {
        TaskDefinition found;
        try {
            found = client.describeTaskDefinition(describe -> describe.taskDefinition(taskDefinition))
                    .taskDefinition();
        } catch (software.amazon.awssdk.services.ecs.model.ClientException e) {
            throw new ProvisioningException(
                    "ECS task definition " + taskDefinition + " not found: "
                            + e.awsErrorDetails().errorMessage(),
                    e);
        }
        if (found.status() == TaskDefinitionStatus.INACTIVE) {
            throw new ProvisioningException("ECS task definition " + found.taskDefinitionArn()
                    + " is INACTIVE (deregistered); register a new revision");
        }
        return found;
    }

    private static TaskDefinition register(
            EcsClient client, RuntimeConfig config, String family, String container, String image)
            throws InvocationException {
        String executionRole = config.required("executionRoleArn");
        String cpu = String.valueOf(config.number("cpu").orElse(1024.0).intValue());
        String memory = String.valueOf(config.number("memoryMb").orElse(2048.0).intValue());
        String region = config.string("region").orElse(null);
        String logGroup = config.string("logGroup").orElse(null);
        String taskRole = config.string("taskRoleArn").orElse(null);
        return client.registerTaskDefinition(register -> register.family(family)
                        .requiresCompatibilities(Compatibility.FARGATE)
                        .networkMode(NetworkMode.AWSVPC)
                        .cpu(cpu)
                        .memory(memory)
                        .executionRoleArn(executionRole)
                        .taskRoleArn(taskRole)
                        .containerDefinitions(definition -> {
                            definition.name(container).image(image).essential(true);
                            if (logGroup != null) {
                                Map<String, String> options = new LinkedHashMap<>();
                                options.put("awslogs-group", logGroup);
                                options.put("awslogs-stream-prefix", "viberator");
                                if (region != null) {
                                    options.put("awslogs-region", region);
                                }
                                definition.logConfiguration(
                                        log -> log.logDriver(LogDriver.AWSLOGS).options(options));
                            }
                        }))
                .taskDefinition();
    }

    /** {@code family}, {@code family:3} or an ARN ending {@code task-definition/family:3} → {@code family}. */
    static String family(String taskDefinition) {
        String name = taskDefinition.substring(taskDefinition.lastIndexOf('/') + 1);
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    private static Map<String, Object> resources(TaskDefinition definition, String image) {
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("taskDefinitionArn", definition.taskDefinitionArn());
        resources.put("revision", definition.revision());
        resources.put("image", image);
        return resources;
    }
}
