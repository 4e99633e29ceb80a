package io.viberglass.platform.dispatch.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.NetworkSettings;
import io.viberglass.common.job.WorkerEnvironment;
import io.viberglass.platform.dispatch.Dispatch;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The egress proxy of one restricted run. The worker container is attached only to a per-run {@code internal} Docker
 * network, which has no route out; the proxy container ({@code viberator egress-proxy} from the worker's own image) is
 * attached to that network and to the worker's usual one, and lets through only the run's allowed hosts. The proxy
 * starts first, so that the worker can be given its IP address on the internal network as
 * {@code HTTPS_PROXY}/{@code HTTP_PROXY}: the worker resolves no name at all (see {@link ContainerPlan#behindProxy}).
 *
 * <p>Proxy and network are labelled with the worker container's name. A cancel removes both at once; a run that ends
 * any other way (its result, a crash) leaves them to {@link #reap}, which runs at every restricted dispatch and every
 * sweep that asks the engine about its workers, and removes those whose worker is gone. A network younger than
 * {@link #SETUP_GRACE} whose worker does not exist yet is a dispatch in progress (its proxy is up, its worker about to
 * be created) and is left alone.
 */
final class EgressSidecar {
    private static final Logger LOG = LoggerFactory.getLogger(EgressSidecar.class);

    static final int PORT = 3128;
    static final String ROLE_LABEL = ContainerPlan.LABEL_PREFIX + "role";
    static final String ROLE = "egress-proxy";
    static final String WORKER_LABEL = ContainerPlan.LABEL_PREFIX + "worker";
    static final String NETWORK_LABEL = ContainerPlan.LABEL_PREFIX + "egress-network";
    static final String PROXY_LABEL = ContainerPlan.LABEL_PREFIX + "egress-proxy";
    static final long MEMORY_BYTES = 256L * 1024 * 1024;
    static final long NANO_CPUS = 500_000_000L;
    /** Far longer than the few Engine calls between the proxy's start and the worker's creation. */
    static final Duration SETUP_GRACE = Duration.ofMinutes(2);

    private EgressSidecar() {}

    static String networkName(String jobId) {
        return "viberator-egress-" + jobId;
    }

    static String proxyName(String jobId) {
        return "viberator-proxy-" + jobId;
    }

    /** The proxy by address, never by name: the worker has no resolver that would answer. */
    static String proxyUrl(String address) {
        return "http://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + PORT;
    }

    /** The proxy's address on the run's internal network, as the Engine gave it when the proxy started. */
    static Optional<String> address(DockerClient docker, String proxyId, String jobId) {
        NetworkSettings settings = docker.inspectContainerCmd(proxyId).exec().getNetworkSettings();
        ContainerNetwork internal = settings == null || settings.getNetworks() == null
                ? null
                : settings.getNetworks().get(networkName(jobId));
        if (internal == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(internal.getIpAddress()).filter(ip -> !ip.isBlank());
    }

    static Map<String, String> labels(ContainerPlan worker, String jobId) {
        Map<String, String> labels = new LinkedHashMap<>(worker.labels());
        labels.put(ROLE_LABEL, ROLE);
        labels.put(WORKER_LABEL, worker.name());
        labels.put(NETWORK_LABEL, networkName(jobId));
        labels.put(PROXY_LABEL, proxyName(jobId));
        return labels;
    }

    /** The per-run network: {@code internal}, so nothing on it reaches beyond it. */
    static void createNetwork(DockerClient docker, ContainerPlan worker, String jobId) {
        String name = networkName(jobId);
        try {
            docker.removeNetworkCmd(name).exec(); // left by an earlier dispatch of this job
        } catch (NotFoundException e) {
            // the usual case
        }
        docker.createNetworkCmd()
                .withName(name)
                .withDriver("bridge")
                .withInternal(true)
                .withLabels(labels(worker, jobId))
                .exec();
    }

    /**
     * Creates and starts the proxy: on the worker's usual network (so it reaches the platform and the allowed hosts,
     * resolving their names with the Engine's usual DNS), then connected to the run's internal one. It gets the callback token, to write refused hosts into the job's log,
     * and none of the job's credentials: like the worker, it fetches the token once at start with the one-time
     * {@code bundleToken} of its environment, so the Engine never holds it.
     */
    static String start(
            DockerClient docker,
            ContainerPlan worker,
            Dispatch dispatch,
            List<String> allowedHosts,
            String bundleToken) {
        String jobId = dispatch.invocation().jobId();
        String name = proxyName(jobId);
        removeQuietly(docker, name);
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(worker.networkMode())
                .withAutoRemove(worker.autoRemove())
                .withSecurityOpts(List.of("no-new-privileges:true"))
                .withMemory(MEMORY_BYTES)
                .withNanoCPUs(NANO_CPUS);
        if (worker.hostGateway()) {
            host.withExtraHosts("host.docker.internal:host-gateway");
        }
        String id = docker.createContainerCmd(worker.image())
                .withName(name)
                .withEnv(
                        WorkerEnvironment.JOB_ID + "=" + jobId,
                        WorkerEnvironment.TENANT_ID + "="
                                + dispatch.invocation().tenantId(),
                        WorkerEnvironment.PLATFORM_API_URL + "=" + worker.platformUrl(),
                        WorkerEnvironment.SECRET_BUNDLE_TOKEN + "=" + bundleToken)
                .withLabels(labels(worker, jobId))
                .withCmd(
                        "egress-proxy",
                        "--listen",
                        "0.0.0.0:" + PORT,
                        "--allow",
                        String.join(",", allowedHosts),
                        "--report-to-job")
                .withHostConfig(host)
                .exec()
                .getId();
        docker.connectToNetworkCmd()
                .withNetworkId(networkName(jobId))
                .withContainerId(id)
                .exec();
        docker.startContainerCmd(id).exec();
        return id;
    }

    /** Removes the run's proxy and network now; best effort. */
    static void remove(DockerClient docker, String jobId) {
        removeQuietly(docker, proxyName(jobId));
        removeNetworkQuietly(docker, networkName(jobId));
    }

    /**
     * Removes the proxy and network of every restricted run whose worker container is gone or has stopped; best effort.
     * Networks are the index: each carries its worker's and its proxy's names.
     */
    static void reap(DockerClient docker, Clock clock) {
        List<Network> networks;
        try {
            networks = docker.listNetworksCmd()
                    .withFilter("label", List.of(ROLE_LABEL + "=" + ROLE))
                    .exec();
        } catch (RuntimeException e) {
            LOG.debug("Could not list egress networks: {}", e.getMessage());
            return;
        }
        for (Network network : networks == null ? List.<Network>of() : networks) {
            Map<String, String> labels = network.getLabels() == null ? Map.of() : network.getLabels();
            String worker = labels.get(WORKER_LABEL);
            String proxy = labels.get(PROXY_LABEL);
            if (worker != null && proxy != null && workerGone(docker, worker, settingUp(network, clock))) {
                LOG.info("Removing the egress proxy and network of {}, which has ended", worker);
                removeQuietly(docker, proxy);
                removeNetworkQuietly(docker, network.getName());
            }
        }
    }

    private static boolean settingUp(Network network, Clock clock) {
        return network.getCreated() != null
                && network.getCreated().toInstant().isAfter(clock.instant().minus(SETUP_GRACE));
    }

    /** @param settingUp the run's dispatch may still be creating its worker: a missing worker is not a gone one */
    private static boolean workerGone(DockerClient docker, String worker, boolean settingUp) {
        try {
            InspectContainerResponse.ContainerState state =
                    docker.inspectContainerCmd(worker).exec().getState();
            return state != null && !Boolean.TRUE.equals(state.getRunning()) && !"created".equals(state.getStatus());
        } catch (NotFoundException e) {
            return !settingUp;
        } catch (RuntimeException e) {
            return false; // cannot tell: leave it for the next pass
        }
    }

    private static void removeQuietly(DockerClient docker, String idOrName) {
        try {
            docker.removeContainerCmd(idOrName).withForce(true).exec();
        } catch (NotFoundException | ConflictException e) {
            // gone already, or being removed
        } catch (RuntimeException e) {
            LOG.warn("Could not remove egress proxy {}: {}", idOrName, e.getMessage());
        }
    }

    private static void removeNetworkQuietly(DockerClient docker, String name) {
        try {
            docker.removeNetworkCmd(name).exec();
        } catch (NotFoundException e) {
            // gone already
        } catch (RuntimeException e) {
            LOG.warn("Could not remove egress network {}: {}", name, e.getMessage());
        }
    }
}
