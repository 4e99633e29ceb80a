package io.viberglass.platform.dispatch.ecs;

import io.viberglass.common.job.WorkerEnvironment;
import io.viberglass.common.job.WorkerInvocation;
import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.DeploymentStrategy;
import io.viberglass.platform.dispatch.Dispatch;
import io.viberglass.platform.dispatch.ExecutionEnd;
import io.viberglass.platform.dispatch.InvocationException;
import io.viberglass.platform.dispatch.RuntimeConfig;
import io.viberglass.platform.dispatch.WorkerInvoker;
import io.viberglass.platform.dispatch.aws.AwsClients;
import io.viberglass.platform.dispatch.aws.SsmSecretReferences;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.secrets.SsmParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.ServerException;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Runs each job as an ECS task (Fargate unless the clanker says otherwise). The task gets the job's id, tenant and
 * callback URL as container overrides, the callback token as a reference to an SSM SecureString staged for the job,
 * and its credentials as SSM parameter names: RunTask requests are recorded by CloudTrail, so no secret value is in
 * them.
 */
public class EcsInvoker implements WorkerInvoker {
    private static final Logger LOG = LoggerFactory.getLogger(EcsInvoker.class);
    private static final Set<String> RESERVED = Set.of(
            WorkerEnvironment.JOB_ID,
            WorkerEnvironment.TENANT_ID,
            WorkerEnvironment.PLATFORM_API_URL,
            WorkerEnvironment.CALLBACK_TOKEN,
            WorkerEnvironment.CALLBACK_TOKEN_FILE,
            WorkerEnvironment.CALLBACK_TOKEN_SSM_PARAMETER,
            WorkerEnvironment.SSM_SECRETS);

    private final AwsClients<EcsClient> ecs;
    private final AwsClients<SsmClient> ssm;
    private final EcsWorkerSettings settings;
    private final String tokenPrefix;

    /**
     * @param secretsSsmPrefix the platform's SSM prefix for secrets; callback tokens go under it
     *     ({@code <prefix>/callback-tokens}) unless {@code callbackTokenPrefix} is set, so the roles that already
     *     manage and read worker secrets need nothing more
     */
    public EcsInvoker(
            AwsClients<EcsClient> ecs, AwsClients<SsmClient> ssm, EcsWorkerSettings settings, String secretsSsmPrefix) {
        this.ecs = ecs;
        this.ssm = ssm;
        this.settings = settings;
        this.tokenPrefix = settings.getCallbackTokenPrefix() != null
                ? settings.getCallbackTokenPrefix()
                : secretsSsmPrefix + "/callback-tokens";
    }

    @Override
    public DeploymentStrategy strategy() {
        return DeploymentStrategy.ECS;
    }

    @Override
    public String invoke(Dispatch dispatch) throws InvocationException {
        RuntimeConfig config = new RuntimeConfig("ecs", dispatch.clanker().deploymentConfig());
        WorkerInvocation invocation = dispatch.invocation();
        String cluster = config.required("cluster");
        String taskDefinition = config.required("taskDefinition");
        List<String> subnets = config.strings("subnets");
        if (subnets.isEmpty()) {
            throw InvocationException.permanent("The ecs clanker has no deploymentConfig.subnets", null);
        }
        List<String> securityGroups = config.strings("securityGroups");
        boolean publicIp = config.bool("assignPublicIp").orElse(false);
        String container = config.string("containerName").orElse(settings.getContainerName());
        LaunchType launchType = LaunchType.fromValue(
                config.string("launchType").orElse("FARGATE").toUpperCase(java.util.Locale.ROOT));
        if (launchType == LaunchType.UNKNOWN_TO_SDK_VERSION) {
            throw InvocationException.permanent("deploymentConfig.launchType must be FARGATE, EC2 or EXTERNAL", null);
        }
        Map<String, String> secrets = SsmSecretReferences.of(dispatch, "ECS");
        String tokenParameter = tokenPrefix + "/" + invocation.jobId();

        List<KeyValuePair> environment = new ArrayList<>();
        config.stringMap("environment").forEach((name, value) -> {
            if (!RESERVED.contains(name)) {
                environment.add(pair(name, value));
            }
        });
        environment.add(pair(WorkerEnvironment.JOB_ID, invocation.jobId()));
        environment.add(pair(WorkerEnvironment.TENANT_ID, invocation.tenantId()));
        environment.add(pair(
                WorkerEnvironment.PLATFORM_API_URL,
                settings.getPlatformUrl() != null ? settings.getPlatformUrl() : invocation.platformApiUrl()));
        environment.add(pair(WorkerEnvironment.CALLBACK_TOKEN_SSM_PARAMETER, tokenParameter));
        if (!secrets.isEmpty()) {
            environment.add(pair(WorkerEnvironment.SSM_SECRETS, WorkerEnvironment.encodeSsmSecrets(secrets)));
        }

        stageToken(config, tokenParameter, invocation.callbackToken());
        RunTaskResponse response;
        try {
            response = ecs.forRegion(config.string("region")).runTask(run -> run.cluster(cluster)
                    .taskDefinition(taskDefinition)
                    .count(1)
                    .launchType(launchType)
                    // the job id (36 characters, ECS's limit): `aws ecs list-tasks --started-by <job id>` finds a
                    // job's task without tags, which would need ecs:TagResource as well
                    .startedBy(invocation.jobId())
                    .networkConfiguration(network -> network.awsvpcConfiguration(vpc -> vpc.subnets(subnets)
                            .securityGroups(securityGroups)
                            .assignPublicIp(publicIp ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED)))
                    .overrides(overrides -> overrides.containerOverrides(
                            override -> override.name(container).environment(environment))));
        } catch (SdkException e) {
            throw translate("RunTask on " + cluster, e);
        }
        if (!response.tasks().isEmpty()) {
            String arn = response.tasks().get(0).taskArn();
            LOG.info("Started ECS task {} for job {}", arn, invocation.jobId());
            return arn;
        }
        throw failures(response.failures());
    }

    /** The token waits in SSM for the task's role to read it; CloudTrail records only the parameter's name. */
    private void stageToken(RuntimeConfig config, String parameter, String token) throws InvocationException {
        try {
            new SsmParameters(ssm.forRegion(config.string("region"))).put(parameter, SecretValue.of(token));
        } catch (DomainException e) {
            throw InvocationException.retryable("Could not stage the callback token: " + e.getMessage(), e);
        }
    }

    /** Capacity and agent problems pass; anything else (bad subnet, missing task definition) will not. */
    private static InvocationException failures(List<Failure> failures) {
        if (failures.isEmpty()) {
            return InvocationException.retryable("RunTask started no task and gave no reason", null);
        }
        Failure first = failures.get(0);
        String message = "ECS could not start the task: " + first.reason()
                + (first.detail() == null ? "" : " (" + first.detail() + ")");
        String reason = String.valueOf(first.reason()).toUpperCase(java.util.Locale.ROOT);
        return reason.contains("CAPACITY") || reason.contains("AGENT") || reason.contains("RESOURCE")
                ? InvocationException.retryable(message, null)
                : InvocationException.permanent(message, null);
    }

    @Override
    public void cancel(Clanker clanker, String executionId) {
        RuntimeConfig config = new RuntimeConfig("ecs", clanker.deploymentConfig());
        try {
            ecs.forRegion(config.string("region"))
                    .stopTask(stop -> stop.cluster(config.string("cluster").orElse(null))
                            .task(executionId)
                            .reason("Cancelled in Viberglass"));
            LOG.info("Stopped ECS task {}", executionId);
        } catch (EcsException e) {
            // a task that already stopped and aged out answers "not found": nothing left to stop
            LOG.info("StopTask for {} answered: {}", executionId, e.getMessage());
        }
    }

    @Override
    public Map<String, ExecutionEnd> ended(Clanker clanker, List<String> executionIds) {
        RuntimeConfig config = new RuntimeConfig("ecs", clanker.deploymentConfig());
        Map<String, ExecutionEnd> ended = new LinkedHashMap<>();
        try {
            EcsClient client = ecs.forRegion(config.string("region"));
            for (int from = 0; from < executionIds.size(); from += 100) {
                List<String> batch = executionIds.subList(from, Math.min(from + 100, executionIds.size()));
                DescribeTasksResponse response = client.describeTasks(describe ->
                        describe.cluster(config.string("cluster").orElse(null)).tasks(batch));
                ended.putAll(TaskEnds.of(response));
            }
        } catch (SdkException e) {
            LOG.debug("DescribeTasks failed: {}", e.getMessage()); // ask again next sweep
        }
        return ended;
    }

    private static InvocationException translate(String action, SdkException e) {
        String message = action + " failed: " + e.getMessage();
        if (e instanceof SdkClientException || e instanceof ServerException) {
            return InvocationException.retryable(message, e);
        }
        if (e instanceof EcsException ecs && (ecs.isThrottlingException() || ecs.statusCode() >= 500)) {
            return InvocationException.retryable(message, e);
        }
        return InvocationException.permanent(message, e);
    }

    private static KeyValuePair pair(String name, String value) {
        return KeyValuePair.builder().name(name).value(value).build();
    }
}
