package io.viberglass.platform.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.lifecycle.Managed;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.viberglass.platform.clankers.RuntimeProvisioner;
import io.viberglass.platform.dispatch.aws.AwsClients;
import io.viberglass.platform.dispatch.bundle.SecretBundleSealer;
import io.viberglass.platform.dispatch.docker.DockerConnection;
import io.viberglass.platform.dispatch.docker.DockerInvoker;
import io.viberglass.platform.dispatch.docker.DockerProvisioner;
import io.viberglass.platform.dispatch.ecs.EcsInvoker;
import io.viberglass.platform.dispatch.ecs.EcsProvisioner;
import io.viberglass.platform.dispatch.kubernetes.KubernetesInvoker;
import io.viberglass.platform.dispatch.lambda.LambdaInvoker;
import io.viberglass.platform.dispatch.lambda.LambdaProvisioner;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The invokers with their clients: {@code local}, {@code docker}, {@code ecs}, {@code lambda}, and {@code kubernetes}
 * when {@code dispatch.kubernetes.enabled}. Every client is lazy (nothing connects until a clanker of that strategy runs
 * a job), so a laptop without Docker or AWS starts the same platform. Closed with the application.
 */
public final class WorkerRuntimes implements Managed {
    private final List<WorkerInvoker> invokers;
    private final List<RuntimeProvisioner> provisioners;
    private final DockerConnection docker;
    private final List<AwsClients<?>> aws;
    private final KubernetesClient kubernetes;

    private WorkerRuntimes(
            List<WorkerInvoker> invokers,
            List<RuntimeProvisioner> provisioners,
            DockerConnection docker,
            List<AwsClients<?>> aws,
            KubernetesClient kubernetes) {
        this.invokers = invokers;
        this.provisioners = provisioners;
        this.docker = docker;
        this.aws = aws;
        this.kubernetes = kubernetes;
    }

    /**
     * @param secretsSsmPrefix where the platform keeps SSM secrets; ECS callback tokens are staged under it
     * @param bundles where Docker workers' secrets wait for the worker to fetch them
     */
    public static WorkerRuntimes build(
            DispatchSettings settings,
            String secretsSsmPrefix,
            Map<String, String> environment,
            ObjectMapper mapper,
            SecretBundleSealer bundles) {
        return build(settings, secretsSsmPrefix, environment, mapper, bundles, new LazyCredentials());
    }

    /** @param credentials AWS credentials for ECS, SSM and Lambda calls (the SDK's default chain in production) */
    public static WorkerRuntimes build(
            DispatchSettings settings,
            String secretsSsmPrefix,
            Map<String, String> environment,
            ObjectMapper mapper,
            SecretBundleSealer bundles,
            AwsCredentialsProvider credentials) {
        String region =
                environment.getOrDefault("AWS_REGION", environment.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
        AwsClients<EcsClient> ecs = new AwsClients<>(EcsClient::builder, settings.getEcs(), credentials, region);
        AwsClients<SsmClient> ssm = new AwsClients<>(SsmClient::builder, settings.getEcs(), credentials, region);
        AwsClients<LambdaClient> lambda =
                new AwsClients<>(LambdaClient::builder, settings.getLambda(), credentials, region);
        DockerConnection docker = new DockerConnection(settings.getDocker());
        List<WorkerInvoker> invokers = new ArrayList<>(List.of(
                new LocalProcessInvoker(settings.getLocal(), environment),
                new DockerInvoker(docker, settings.getDocker(), bundles, Clock.systemUTC()),
                new EcsInvoker(ecs, ssm, settings.getEcs(), secretsSsmPrefix),
                new LambdaInvoker(lambda, settings.getLambda(), mapper)));
        KubernetesClient kubernetes = null;
        if (settings.getKubernetes().isEnabled()) {
            kubernetes = KubernetesInvoker.client();
            invokers.add(new KubernetesInvoker(kubernetes, settings.getKubernetes(), Clock.systemUTC()));
        }
        // provisioning uses the invokers' clients: one connection setup, one set of settings
        List<RuntimeProvisioner> provisioners = List.of(
                new DockerProvisioner(docker, settings.getDocker()),
                new EcsProvisioner(ecs, settings.getEcs()),
                new LambdaProvisioner(lambda, settings.getLambda()));
        return new WorkerRuntimes(List.copyOf(invokers), provisioners, docker, List.of(ecs, ssm, lambda), kubernetes);
    }

    /** The SDK's default chain (task role, instance profile, profile, environment), resolved at the first AWS call. */
    private static final class LazyCredentials implements AwsCredentialsProvider {
        private AwsCredentialsProvider chain;

        @Override
        public software.amazon.awssdk.auth.credentials.AwsCredentials resolveCredentials() {
            return chain().resolveCredentials();
        }

        private synchronized AwsCredentialsProvider chain() {
            if (chain == null) {
                chain = DefaultCredentialsProvider.builder().build();
            }
            return chain;
        }
    }

    public List<WorkerInvoker> invokers() {
        return invokers;
    }

    /** What {@code POST /clankers/{id}/start} runs for docker, ecs and lambda clankers. */
    public List<RuntimeProvisioner> provisioners() {
        return provisioners;
    }

    @Override
    public void stop() throws IOException {
        aws.forEach(AwsClients::close);
        docker.close();
        if (kubernetes != null) {
            kubernetes.close();
        }
    }
}
