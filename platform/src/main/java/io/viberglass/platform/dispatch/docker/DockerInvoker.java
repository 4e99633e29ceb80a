package io.viberglass.platform.dispatch.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import io.viberglass.common.job.FailureCode;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.DeploymentStrategy;
import io.viberglass.platform.dispatch.Dispatch;
import io.viberglass.platform.dispatch.ExecutionEnd;
import io.viberglass.platform.dispatch.InvocationException;
import io.viberglass.platform.dispatch.WorkerInvoker;
import io.viberglass.platform.dispatch.bundle.SecretBundleSealer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each job in its own container on a Docker Engine: pull the clanker's image if needed, create the container
 * (labelled with the job, resource-limited, on a bridge network unless configured otherwise, removed by the engine
 * when it exits, with a tmpfs for its secrets), start it. The job's credentials and callback token never go to the
 * engine: they are sealed for the worker to fetch once at start ({@link SecretBundleSealer}) and written into its tmpfs,
 * so no image layer, writable layer, label or {@code docker inspect} holds them. The container's environment carries
 * only the one-time token of that fetch, dead once the worker has used it.
 */
public class DockerInvoker implements WorkerInvoker {
    private static final Logger LOG = LoggerFactory.getLogger(DockerInvoker.class);

    /** Separates the container id from the job id in a restricted run's execution id. */
    static final String EGRESS_MARK = "/egress/";

    private final Supplier<DockerClient> docker;
    private final DockerWorkerSettings settings;
    private final SecretBundleSealer bundles;
    private final Clock clock;

    /**
     * @param docker the client, built when first asked for (see {@link DockerConnection})
     * @param clock tells a restricted run still being set up from one whose worker is gone ({@link EgressSidecar#reap})
     */
    public DockerInvoker(
            Supplier<DockerClient> docker, DockerWorkerSettings settings, SecretBundleSealer bundles, Clock clock) {
        this.docker = docker;
        this.settings = settings;
        this.bundles = bundles;
        this.clock = clock;
    }

    public DockerInvoker(DockerClient docker, DockerWorkerSettings settings, SecretBundleSealer bundles, Clock clock) {
        this(() -> docker, settings, bundles, clock);
    }

    public DockerInvoker(DockerClient docker, DockerWorkerSettings settings, SecretBundleSealer bundles) {
        this(() -> docker, settings, bundles, Clock.systemUTC());
    }

    @Override
    public DeploymentStrategy strategy() {
        return DeploymentStrategy.DOCKER;
    }

    @Override
    public String platformUrl(Clanker clanker, String configured) {
        return ContainerPlan.platformUrl(clanker, configured, settings);
    }

    @Override
    public String invoke(Dispatch dispatch) throws InvocationException {
        ContainerPlan open = ContainerPlan.of(dispatch, settings);
        pullIfNeeded(open.image(), open.pullPolicy());
        // sealed only once the image is there: a failed pull leaves nothing to fetch
        ContainerPlan plan = open.withBundleToken(bundles.seal(dispatch, SecretBundleSealer.Holder.WORKER));
        if (dispatch.egress().restricted()) {
            return invokeBehindProxy(dispatch, plan);
        }
        String id = create(plan);
        try {
            docker.get().startContainerCmd(id).exec();
        } catch (RuntimeException e) {
            removeQuietly(id);
            throw translate("start container " + plan.name(), e);
        }
        LOG.info(
                "Started container {} ({}) for job {}",
                plan.name(),
                shortId(id),
                dispatch.job().id());
        return id;
    }

    /**
     * A restricted run: network, proxy (started, so that the Engine gives it its address on the network), then the
     * worker, created with that address as its proxy and started. The execution id names the job too, so a cancel can
     * remove the proxy and network at once.
     */
    private String invokeBehindProxy(Dispatch dispatch, ContainerPlan open) throws InvocationException {
        String jobId = dispatch.invocation().jobId();
        EgressSidecar.reap(docker.get(), clock);
        String network = EgressSidecar.networkName(jobId);
        try {
            EgressSidecar.createNetwork(docker.get(), open, jobId);
        } catch (RuntimeException e) {
            throw translate("create the egress network of job " + jobId, e);
        }
        String address;
        try {
            String proxy = EgressSidecar.start(
                    docker.get(),
                    open,
                    dispatch,
                    dispatch.egress().withPlatform(open.platformUrl()),
                    bundles.seal(dispatch, SecretBundleSealer.Holder.EGRESS_PROXY));
            address = EgressSidecar.address(docker.get(), proxy, jobId).orElse(null);
        } catch (RuntimeException e) {
            EgressSidecar.remove(docker.get(), jobId);
            throw translate("start the egress proxy of job " + jobId, e);
        }
        if (address == null) {
            EgressSidecar.remove(docker.get(), jobId);
            throw InvocationException.retryable(
                    "The egress proxy of job " + jobId + " started without an address on network " + network
                            + "; the worker reaches its proxy by address only, having no DNS",
                    null);
        }
        ContainerPlan plan = open.behindProxy(network, EgressSidecar.proxyUrl(address));
        String id;
        try {
            id = create(plan);
        } catch (InvocationException e) {
            EgressSidecar.remove(docker.get(), jobId);
            throw e;
        }
        try {
            docker.get().startContainerCmd(id).exec();
        } catch (RuntimeException e) {
            removeQuietly(id);
            EgressSidecar.remove(docker.get(), jobId);
            throw translate("start container " + plan.name(), e);
        }
        LOG.info(
                "Started container {} ({}) for job {} behind its egress proxy ({}, {})",
                plan.name(),
                shortId(id),
                jobId,
                address,
                dispatch.egress().mode().wire());
        return id + EGRESS_MARK + jobId;
    }

    /** The container of an execution id: restricted runs' ids are {@code <container>/egress/<job id>}. */
    static String container(String executionId) {
        int mark = executionId.indexOf(EGRESS_MARK);
        return mark < 0 ? executionId : executionId.substring(0, mark);
    }

    private void pullIfNeeded(String image, PullPolicy policy) throws InvocationException {
        if (policy == PullPolicy.NEVER) {
            return;
        }
        if (policy == PullPolicy.IF_MISSING) {
            try {
                docker.get().inspectImageCmd(image).exec();
                return;
            } catch (NotFoundException e) {
                // not on the engine yet: pull it below
            } catch (RuntimeException e) {
                throw translate("inspect image " + image, e);
            }
        }
        ImageName name = ImageName.parse(image);
        try {
            boolean done = docker.get()
                    .pullImageCmd(name.repository())
                    .withTag(name.tag())
                    .start()
                    .awaitCompletion(settings.getPullTimeout().toMilliseconds(), TimeUnit.MILLISECONDS);
            if (!done) {
                throw InvocationException.retryable(
                        "Pulling image " + image + " took longer than " + settings.getPullTimeout(), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw InvocationException.retryable("Interrupted while pulling image " + image, e);
        } catch (RuntimeException e) {
            throw translate("pull image " + image, e);
        }
    }

    private String create(ContainerPlan plan) throws InvocationException {
        try {
            return plan.createCommand(docker.get()).exec().getId();
        } catch (ConflictException e) {
            // a container of an earlier dispatch of this job: its token no longer authenticates, so it can go
            LOG.info("Removing stale container {} before dispatching again", plan.name());
            removeQuietly(plan.name());
            try {
                return plan.createCommand(docker.get()).exec().getId();
            } catch (RuntimeException again) {
                throw translate("create container " + plan.name(), again);
            }
        } catch (RuntimeException e) {
            throw translate("create container " + plan.name(), e);
        }
    }

    @Override
    public void cancel(Clanker clanker, String executionId) {
        int mark = executionId.indexOf(EGRESS_MARK);
        if (mark >= 0) {
            stopAndRemove(container(executionId));
            EgressSidecar.remove(docker.get(), executionId.substring(mark + EGRESS_MARK.length()));
            return;
        }
        stopAndRemove(executionId);
    }

    private void stopAndRemove(String executionId) {
        try {
            docker.get()
                    .stopContainerCmd(executionId)
                    .withTimeout((int) settings.getStopTimeout().toSeconds())
                    .exec();
        } catch (NotFoundException | NotModifiedException e) {
            // already gone or already stopped
        }
        removeQuietly(executionId);
        LOG.info("Stopped container {}", shortId(executionId));
    }

    @Override
    public Map<String, ExecutionEnd> ended(Clanker clanker, List<String> executionIds) {
        Map<String, ExecutionEnd> ended = new LinkedHashMap<>();
        EgressSidecar.reap(docker.get(), clock); // proxies of restricted runs that ended since the last sweep
        for (String executionId : executionIds) {
            String id = container(executionId);
            try {
                InspectContainerResponse.ContainerState state =
                        docker.get().inspectContainerCmd(id).exec().getState();
                if (state != null && !Boolean.TRUE.equals(state.getRunning()) && !"created".equals(state.getStatus())) {
                    ended.put(executionId, new ExecutionEnd(FailureCode.RUN_FAILED, exitDescription(state)));
                }
            } catch (NotFoundException e) {
                ended.put(
                        executionId,
                        new ExecutionEnd(
                                FailureCode.RUN_FAILED,
                                "The worker container " + shortId(id) + " exited without reporting a result"));
            } catch (RuntimeException e) {
                LOG.debug("Could not inspect container {}: {}", shortId(id), e.getMessage());
                return ended; // the engine is unreachable: ask again next sweep
            }
        }
        return ended;
    }

    private static String exitDescription(InspectContainerResponse.ContainerState state) {
        StringBuilder text = new StringBuilder("The worker container exited with code ")
                .append(state.getExitCodeLong())
                .append(" without reporting a result");
        if (Boolean.TRUE.equals(state.getOOMKilled())) {
            text.append(" (killed: out of memory; raise memoryMb)");
        }
        if (state.getError() != null && !state.getError().isBlank()) {
            text.append(": ").append(state.getError());
        }
        return text.toString();
    }

    private void removeQuietly(String idOrName) {
        try {
            docker.get().removeContainerCmd(idOrName).withForce(true).exec();
        } catch (NotFoundException | ConflictException e) {
            // gone already, or the engine is removing it (auto-remove)
        } catch (RuntimeException e) {
            LOG.warn("Could not remove container {}: {}", idOrName, e.getMessage());
        }
    }

    /** Engine answers 5xx/409/429 and unreachable engines are worth retrying; other refusals are not. */
    private InvocationException translate(String action, RuntimeException e) {
        if (e instanceof DockerException docker) {
            int status = docker.getHttpStatus();
            String message = "Docker could not " + action + " (HTTP " + status + "): " + firstLine(e.getMessage());
            return status >= 500 || status == 409 || status == 429
                    ? InvocationException.retryable(message, e)
                    : InvocationException.permanent(message, e);
        }
        return InvocationException.retryable(
                "Docker engine at " + settings.getHost() + " could not " + action + ": " + firstLine(e.getMessage()),
                e);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
