package io.viberglass.platform.dispatch.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import io.viberglass.platform.clankers.Availability;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.DeploymentStrategy;
import io.viberglass.platform.clankers.Provisioned;
import io.viberglass.platform.clankers.ProvisioningException;
import io.viberglass.platform.clankers.ProvisioningProgress;
import io.viberglass.platform.clankers.RuntimeProvisioner;
import io.viberglass.platform.clankers.WorkerImage;
import io.viberglass.platform.dispatch.RuntimeConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Makes a Docker clanker's image ready on the engine: inspect it, pull it when missing (reporting each finished layer),
 * and store the image it checked in the clanker's configuration, so the catalog's default becomes explicit.
 */
public class DockerProvisioner implements RuntimeProvisioner {
    private static final long HEARTBEAT_MILLIS = 15_000;

    private final Supplier<DockerClient> docker;
    private final DockerWorkerSettings settings;

    /** @param docker the invoker's client, built when first asked for */
    public DockerProvisioner(Supplier<DockerClient> docker, DockerWorkerSettings settings) {
        this.docker = docker;
        this.settings = settings;
    }

    @Override
    public DeploymentStrategy strategy() {
        return DeploymentStrategy.DOCKER;
    }

    @Override
    public Provisioned provision(Clanker clanker, WorkerImage catalog, ProvisioningProgress progress)
            throws ProvisioningException {
        RuntimeConfig config = new RuntimeConfig("docker", clanker.deploymentConfig());
        String image = config.string("image").orElse(catalog.image());
        PullPolicy policy = policy(config);
        progress.report("Checking image " + image + " on the Docker engine at " + settings.getHost());
        Optional<InspectImageResponse> present = inspect(image);
        if (present.isEmpty() || policy == PullPolicy.ALWAYS) {
            if (policy == PullPolicy.NEVER) {
                throw new ProvisioningException("Image " + image
                        + " is not on the Docker engine and pullPolicy is never: build or load it there");
            }
            progress.report("Pulling image " + image);
            pull(image, progress);
            present = inspect(image);
            if (present.isEmpty()) {
                throw new ProvisioningException("Image " + image + " is still missing after the pull");
            }
        }
        InspectImageResponse found = present.get();
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("image", image);
        resources.put("imageId", found.getId());
        if (found.getSize() != null) {
            resources.put("sizeBytes", found.getSize());
        }
        if (found.getArch() != null) {
            resources.put("architecture", found.getArch());
        }
        return new Provisioned(Map.of("image", image), resources, "Docker image ready: " + image);
    }

    @Override
    public Availability check(Clanker clanker) {
        Optional<String> image = new RuntimeConfig("docker", clanker.deploymentConfig()).string("image");
        try {
            docker.get().pingCmd().exec();
        } catch (RuntimeException e) {
            return Availability.unreachable(
                    "The Docker engine at " + settings.getHost() + " does not answer: " + firstLine(e));
        }
        if (image.isEmpty()) {
            return Availability.missing("No image is configured; start the clanker again");
        }
        try {
            return inspect(image.get()).isPresent()
                    ? Availability.ready("Docker image ready: " + image.get())
                    : policy(new RuntimeConfig("docker", clanker.deploymentConfig())) == PullPolicy.NEVER
                            ? Availability.missing("Image " + image.get() + " is not on the engine (pullPolicy never)")
                            : Availability.ready("Image " + image.get() + " is pulled at the next run");
        } catch (ProvisioningException e) {
            return Availability.unreachable(e.getMessage());
        }
    }

    private PullPolicy policy(RuntimeConfig config) throws ProvisioningException {
        try {
            return config.string("pullPolicy").map(PullPolicy::fromWire).orElse(settings.getPullPolicy());
        } catch (RuntimeException e) {
            throw new ProvisioningException("deploymentConfig.pullPolicy: " + e.getMessage(), e);
        }
    }

    private Optional<InspectImageResponse> inspect(String image) throws ProvisioningException {
        try {
            return Optional.of(docker.get().inspectImageCmd(image).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw failure("inspect image " + image, e);
        }
    }

    private void pull(String image, ProvisioningProgress progress) throws ProvisioningException {
        ImageName name = ImageName.parse(image);
        long deadline = System.currentTimeMillis() + settings.getPullTimeout().toMilliseconds();
        try (PullImageResultCallback pull = docker.get()
                .pullImageCmd(name.repository())
                .withTag(name.tag())
                .exec(new PullImageResultCallback() {
                    @Override
                    public void onNext(PullResponseItem item) {
                        super.onNext(item);
                        String status = item.getStatus();
                        if (status != null
                                && (status.startsWith("Pull complete")
                                        || status.startsWith("Digest")
                                        || status.startsWith("Status"))) {
                            progress.report(
                                    item.getId() == null || status.startsWith("Status")
                                            ? status
                                            : "Layer " + item.getId() + ": " + status);
                        }
                    }
                })) {
            while (!pull.awaitCompletion(HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new ProvisioningException(
                            "Pulling image " + image + " took longer than " + settings.getPullTimeout());
                }
                progress.heartbeat();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException("Interrupted while pulling image " + image, e);
        } catch (java.io.IOException e) {
            throw new ProvisioningException("Pulling image " + image + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw failure("pull image " + image, e);
        }
    }

    private ProvisioningException failure(String action, RuntimeException e) {
        String message = e instanceof DockerException failed
                ? "Docker could not " + action + " (HTTP " + failed.getHttpStatus() + "): " + firstLine(e)
                : "The Docker engine at " + settings.getHost() + " could not " + action + ": " + firstLine(e);
        return new ProvisioningException(message, e);
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
