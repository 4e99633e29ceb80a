package io.viberglass.platform.clankers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Wires the clankers feature: CRUD, instruction files, provisioning, availability, the image catalog. */
public final class Clankers {
    private Clankers() {}

    /** What other features use. */
    public record Parts(ClankerService service, ClankerFileService files) {}

    /** @param provisioners one per strategy that has something to provision (docker, ecs, lambda) */
    public static Parts register(
            Environment environment,
            Jdbi jdbi,
            Clock clock,
            ObjectMapper mapper,
            ClankerSettings settings,
            List<RuntimeProvisioner> provisioners) {
        Duration interval = Duration.ofMillis(settings.getAvailabilityInterval().toMilliseconds());
        Duration staleAfter =
                Duration.ofMillis(settings.getProvisioningStaleAfter().toMilliseconds());
        Duration tick = interval.isZero() || staleAfter.compareTo(interval) < 0 ? staleAfter : interval;
        ProvisioningRunner runner = new ProvisioningRunner(settings.getProvisioningThreads(), tick);
        WorkerImageCatalog images = new WorkerImageCatalog(settings.getWorkerImages());
        ClankerService service = new ClankerService(jdbi, clock, mapper);
        ClankerFileService files = new ClankerFileService(jdbi, clock);
        ClankerProvisioning provisioning =
                new ClankerProvisioning(jdbi, clock, mapper, provisioners, images, staleAfter, runner);
        AvailabilityCheck availability =
                new AvailabilityCheck(jdbi, clock, provisioning, interval, settings.getUnavailableAfterFailures());
        runner.onTick(() -> {
            provisioning.resumeStale();
            if (!interval.isZero()) {
                availability.checkDue();
            }
        });
        environment.lifecycle().manage(runner);
        environment.jersey().register(new ClankersResource(service, provisioning, availability));
        environment.jersey().register(new ClankerFilesResource(files));
        environment.jersey().register(new WorkerImagesResource(images));
        environment.jersey().register(new DeploymentStrategiesResource(provisioning));
        return new Parts(service, files);
    }
}
