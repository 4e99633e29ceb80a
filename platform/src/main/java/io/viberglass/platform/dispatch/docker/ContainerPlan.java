package io.viberglass.platform.dispatch.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.HostConfig;
import io.viberglass.common.job.WorkerEnvironment;
import io.viberglass.common.job.WorkerInvocation;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.dispatch.Dispatch;
import io.viberglass.platform.dispatch.InvocationException;
import io.viberglass.platform.dispatch.RuntimeConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The container one job runs in, worked out from the clanker's {@code deploymentConfig} and the platform's Docker
 * settings before anything is sent to the engine.
 */
record ContainerPlan(
        String image,
        String name,
        PullPolicy pullPolicy,
        List<String> environment,
        Map<String, String> labels,
        List<String> command,
        String networkMode,
        long memoryBytes,
        long nanoCpus,
        boolean hostGateway,
        boolean autoRemove,
        String platformUrl,
        String secretsDirectory,
        String secretsTmpfsOptions,
        boolean withoutResolver) {

    /**
     * The resolver of a worker behind its egress proxy: the container's own loopback, where nothing listens. Docker
     * forwards a {@code --dns} address from the container's network namespace, so every name the embedded DNS cannot
     * answer itself goes nowhere (docs/workers.md, "Egress policy on Docker").
     */
    static final String NON_ANSWERING_RESOLVER = "127.0.0.1";

    static final String LABEL_PREFIX = "io.viberglass.";

    /** Variables the platform sets; a clanker's own {@code environment} cannot replace them. */
    private static final Set<String> RESERVED = Set.of(
            WorkerEnvironment.JOB_ID,
            WorkerEnvironment.TENANT_ID,
            WorkerEnvironment.PLATFORM_API_URL,
            WorkerEnvironment.CALLBACK_TOKEN,
            WorkerEnvironment.CALLBACK_TOKEN_FILE,
            WorkerEnvironment.CALLBACK_TOKEN_SSM_PARAMETER,
            WorkerEnvironment.SSM_SECRETS,
            WorkerEnvironment.SECRETS_DIR,
            WorkerEnvironment.SECRET_BUNDLE_TOKEN);

    private static final Set<String> PROXY_VARIABLES =
            Set.of("HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY", "https_proxy", "http_proxy", "no_proxy", "ALL_PROXY");

    static ContainerPlan of(Dispatch dispatch, DockerWorkerSettings settings) throws InvocationException {
        RuntimeConfig config = new RuntimeConfig("docker", dispatch.clanker().deploymentConfig());
        WorkerInvocation invocation = dispatch.invocation();
        String network = network(config, settings);
        if (network.equals("host") && !settings.isAllowHostNetwork()) {
            throw InvocationException.permanent(
                    "The clanker asks for the host network, which this platform does not allow "
                            + "(dispatch.docker.allowHostNetwork)",
                    null);
        }
        PullPolicy pull = config.string("pullPolicy").isPresent()
                ? parsePull(config.string("pullPolicy").get())
                : settings.getPullPolicy();
        double cpus = config.number("cpus").orElse(settings.getCpus());
        double memoryMb = config.number("memoryMb").orElse((double) settings.getMemoryMb());

        List<String> environment = new ArrayList<>();
        config.stringMap("environment").forEach((name, value) -> {
            if (!RESERVED.contains(name)) {
                environment.add(name + "=" + value);
            }
        });
        environment.add(WorkerEnvironment.JOB_ID + "=" + invocation.jobId());
        environment.add(WorkerEnvironment.TENANT_ID + "=" + invocation.tenantId());
        String platformUrl = platformUrl(invocation.platformApiUrl(), settings, network);
        environment.add(WorkerEnvironment.PLATFORM_API_URL + "=" + platformUrl);
        environment.add(WorkerEnvironment.SECRETS_DIR + "=" + settings.getSecretsDirectory());

        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_PREFIX + "managed-by", "viberglass");
        labels.put(LABEL_PREFIX + "job-id", invocation.jobId());
        labels.put(LABEL_PREFIX + "tenant-id", invocation.tenantId());
        labels.put(LABEL_PREFIX + "project-id", String.valueOf(dispatch.job().projectId()));
        labels.put(LABEL_PREFIX + "clanker-id", dispatch.clanker().id().toString());
        labels.put(LABEL_PREFIX + "agent", dispatch.clanker().agent().wire());

        return new ContainerPlan(
                config.required("image"),
                "viberator-job-" + invocation.jobId(),
                pull,
                List.copyOf(environment),
                Map.copyOf(labels),
                config.strings("command"),
                network,
                Math.round(memoryMb * 1024 * 1024),
                Math.round(cpus * 1_000_000_000L),
                settings.isAddHostGateway() && network.equals("bridge"),
                settings.isAutoRemove(),
                platformUrl,
                settings.getSecretsDirectory(),
                tmpfsOptions(settings),
                false);
    }

    /**
     * Memory-backed, private to the worker's user, size-bound, and nothing in it can be executed: the secrets never
     * touch a disk and vanish with the container.
     */
    static String tmpfsOptions(DockerWorkerSettings settings) {
        String[] owner = settings.getSecretsOwner().split(":");
        return "rw,noexec,nosuid,nodev,size=" + settings.getSecretsTmpfsKb() + "k,mode=0700,uid=" + owner[0] + ",gid="
                + owner[1];
    }

    /** This plan with the one-time token its worker fetches its secrets with; the only credential-like variable. */
    ContainerPlan withBundleToken(String token) {
        List<String> withToken = new ArrayList<>(environment);
        withToken.add(WorkerEnvironment.SECRET_BUNDLE_TOKEN + "=" + token);
        return new ContainerPlan(
                image,
                name,
                pullPolicy,
                List.copyOf(withToken),
                labels,
                command,
                networkMode,
                memoryBytes,
                nanoCpus,
                hostGateway,
                autoRemove,
                platformUrl,
                secretsDirectory,
                secretsTmpfsOptions,
                withoutResolver);
    }

    /**
     * The same container on a restricted run: attached only to the run's internal network, with every HTTP client
     * pointed at the egress proxy by its IP address (both spellings, since tools read either), and a resolver that
     * answers nothing. Through a proxy, clients send {@code CONNECT host:port} (or an absolute URL) and the proxy
     * resolves the name, so the worker needs no DNS at all, and a name it looks up cannot carry data out. It needs no
     * gateway to the host either: the proxy reaches the platform for it.
     */
    ContainerPlan behindProxy(String internalNetwork, String proxyUrl) {
        List<String> env = new ArrayList<>(environment);
        env.removeIf(entry -> PROXY_VARIABLES.contains(entry.substring(0, entry.indexOf('='))));
        for (String name : List.of("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy")) {
            env.add(name + "=" + proxyUrl);
        }
        env.add("NO_PROXY=");
        env.add("no_proxy=");
        return new ContainerPlan(
                image,
                name,
                pullPolicy,
                List.copyOf(env),
                labels,
                command,
                internalNetwork,
                memoryBytes,
                nanoCpus,
                false,
                autoRemove,
                platformUrl,
                secretsDirectory,
                secretsTmpfsOptions,
                true);
    }

    CreateContainerCmd createCommand(DockerClient docker) {
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(networkMode)
                .withAutoRemove(autoRemove)
                .withSecurityOpts(List.of("no-new-privileges:true"))
                .withTmpFs(Map.of(secretsDirectory, secretsTmpfsOptions));
        if (memoryBytes > 0) {
            host.withMemory(memoryBytes);
        }
        if (nanoCpus > 0) {
            host.withNanoCPUs(nanoCpus);
        }
        if (hostGateway) {
            host.withExtraHosts("host.docker.internal:host-gateway");
        }
        if (withoutResolver) {
            // "." is Docker's spelling of "no search domain": the host's domains would only add lookups
            host.withDns(NON_ANSWERING_RESOLVER).withDnsSearch(".").withDnsOptions(List.of());
        }
        CreateContainerCmd create = docker.createContainerCmd(image)
                .withName(name)
                .withEnv(environment)
                .withLabels(labels)
                .withHostConfig(host);
        if (!command.isEmpty()) {
            create.withCmd(command);
        }
        return create;
    }

    private static String network(RuntimeConfig config, DockerWorkerSettings settings) {
        return config.string("networkMode").orElse(settings.getNetworkMode());
    }

    /** The platform's address as a worker of {@code clanker} reaches it, by its network (as below). */
    static String platformUrl(Clanker clanker, String invocationUrl, DockerWorkerSettings settings) {
        return platformUrl(
                invocationUrl, settings, network(new RuntimeConfig("docker", clanker.deploymentConfig()), settings));
    }

    /** A worker on a bridge network cannot reach the host's {@code localhost}; it reaches the host by name instead. */
    static String platformUrl(String invocationUrl, DockerWorkerSettings settings, String network) {
        if (settings.getPlatformUrl() != null) {
            return settings.getPlatformUrl();
        }
        if (network.equals("host")) {
            return invocationUrl;
        }
        URI uri = URI.create(invocationUrl);
        String host = uri.getHost();
        if (host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"))) {
            return invocationUrl.replaceFirst(java.util.regex.Pattern.quote(host), "host.docker.internal");
        }
        return invocationUrl;
    }

    private static PullPolicy parsePull(String value) throws InvocationException {
        try {
            return PullPolicy.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw InvocationException.permanent("deploymentConfig.pullPolicy: " + e.getMessage(), null);
        }
    }
}
