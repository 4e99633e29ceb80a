package io.viberglass.platform.clankers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.json.JsonText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start and stop of clankers. Start checks the configuration at once (400 naming each missing key); a local clanker
 * is then active, any other goes to {@code deploying} and its strategy's provisioner runs on a worker thread, reporting
 * each step, until the clanker is {@code active} or {@code failed} with the error. A provisioning whose replica stopped
 * (no heartbeat for {@code provisioningStaleAfter}) is resumed by another replica, or by this one after a restart.
 */
public class ClankerProvisioning {
    private static final Logger LOG = LoggerFactory.getLogger(ClankerProvisioning.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final JsonText json;
    private final Map<DeploymentStrategy, RuntimeProvisioner> provisioners = new EnumMap<>(DeploymentStrategy.class);
    private final WorkerImageCatalog images;
    private final Duration staleAfter;
    private final Executor executor;

    public ClankerProvisioning(
            Jdbi jdbi,
            Clock clock,
            ObjectMapper mapper,
            List<RuntimeProvisioner> provisioners,
            WorkerImageCatalog images,
            Duration staleAfter,
            Executor executor) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.json = new JsonText(mapper);
        provisioners.forEach(provisioner -> this.provisioners.put(provisioner.strategy(), provisioner));
        this.images = images;
        this.staleAfter = staleAfter;
        this.executor = executor;
    }

    Optional<RuntimeProvisioner> provisioner(DeploymentStrategy strategy) {
        return Optional.ofNullable(provisioners.get(strategy));
    }

    /** @return the clanker, {@code active} (nothing to provision) or {@code deploying} (provisioning has begun) */
    public Clanker start(UUID id) {
        Instant now = clock.instant();
        Clanker started = jdbi.inTransaction(handle -> {
            ClankerDao clankers = handle.attach(ClankerDao.class);
            ProvisioningDao provisioning = handle.attach(ProvisioningDao.class);
            Clanker current = clankers.findForUpdate(id).orElseThrow(() -> ClankerService.notFound(id.toString()));
            if (current.status() == ClankerStatus.DEPLOYING && !stale(provisioning.find(id), now)) {
                throw DomainException.conflict(
                        "ALREADY_DEPLOYING", "Clanker " + current.name() + " is being provisioned already");
            }
            DeploymentConfigRules.check(current.deploymentStrategy(), current.deploymentConfig());
            if (provisioner(current.deploymentStrategy()).isEmpty()) {
                clankers.moveStatus(id, current.status(), ClankerStatus.ACTIVE, "Ready to run jobs", now);
            } else {
                String message =
                        "Provisioning the " + current.deploymentStrategy().wire() + " runtime";
                clankers.moveStatus(id, current.status(), ClankerStatus.DEPLOYING, message, now);
                provisioning.begin(id, now, step(now, message));
            }
            return clankers.find(id).orElseThrow();
        });
        if (started.status() == ClankerStatus.DEPLOYING) {
            executor.execute(() -> provision(id));
        }
        return started;
    }

    public Clanker deactivate(UUID id) {
        return jdbi.inTransaction(handle -> {
            ClankerDao clankers = handle.attach(ClankerDao.class);
            Clanker current = clankers.findForUpdate(id).orElseThrow(() -> ClankerService.notFound(id.toString()));
            // a provisioning still running finds the clanker no longer deploying and leaves it inactive
            clankers.moveStatus(id, current.status(), ClankerStatus.INACTIVE, "Deactivated", clock.instant());
            return clankers.find(id).orElseThrow();
        });
    }

    /** Takes over provisionings whose replica stopped; cluster-safe (each is claimed by one replica). */
    public void resumeStale() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(staleAfter);
        for (UUID id : jdbi.withExtension(ProvisioningDao.class, dao -> dao.stale(cutoff))) {
            boolean claimed = jdbi.withExtension(ProvisioningDao.class, dao -> dao.claimStale(id, now, cutoff) == 1);
            if (claimed) {
                LOG.info("Resuming the provisioning of clanker {}", id);
                jdbi.useExtension(
                        ProvisioningDao.class,
                        dao -> dao.report(
                                id, now, step(now, "Resumed: the platform instance provisioning it stopped")));
                executor.execute(() -> provision(id));
            }
        }
    }

    /** Runs the strategy's provisioner and records the outcome; called on a worker thread. */
    void provision(UUID id) {
        Optional<Clanker> found = jdbi.withExtension(ClankerDao.class, dao -> dao.find(id));
        if (found.isEmpty() || found.get().status() != ClankerStatus.DEPLOYING) {
            return;
        }
        Clanker clanker = found.get();
        RuntimeProvisioner provisioner =
                provisioner(clanker.deploymentStrategy()).orElseThrow();
        try {
            Provisioned result = provisioner.provision(clanker, images.forAgent(clanker.agent()), progress(id));
            Instant now = clock.instant();
            jdbi.useTransaction(handle -> {
                handle.attach(ClankerDao.class)
                        .activateProvisioned(id, json.write(result.configUpdates()), result.message(), now);
                handle.attach(ProvisioningDao.class)
                        .finish(id, now, null, json.write(result.resources()), step(now, result.message()));
            });
            LOG.info("Provisioned clanker {}: {}", clanker.name(), result.message());
        } catch (ProvisioningException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // shutting down: left deploying, resumed by the next replica to look
            }
            fail(id, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Provisioning clanker {} failed unexpectedly", clanker.name(), e);
            fail(id, "Unexpected error: " + e.getMessage());
        }
    }

    private void fail(UUID id, String error) {
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            handle.attach(ClankerDao.class)
                    .moveStatus(
                            id, ClankerStatus.DEPLOYING, ClankerStatus.FAILED, "Provisioning failed: " + error, now);
            handle.attach(ProvisioningDao.class).finish(id, now, error, "{}", step(now, "Failed: " + error));
        });
    }

    private ProvisioningProgress progress(UUID id) {
        return new ProvisioningProgress() {
            @Override
            public void report(String message) {
                Instant now = clock.instant();
                jdbi.useTransaction(handle -> {
                    handle.attach(ProvisioningDao.class).report(id, now, step(now, message));
                    handle.attach(ClankerDao.class)
                            .moveStatus(id, ClankerStatus.DEPLOYING, ClankerStatus.DEPLOYING, message, now);
                });
            }

            @Override
            public void heartbeat() {
                jdbi.useExtension(ProvisioningDao.class, dao -> dao.heartbeat(id, clock.instant()));
            }
        };
    }

    private boolean stale(Optional<ProvisioningState> state, Instant now) {
        return state.isEmpty()
                || state.get().heartbeatAt() == null
                || state.get().heartbeatAt().isBefore(now.minus(staleAfter));
    }

    private String step(Instant at, String message) {
        return json.write(List.of(new ProvisioningState.Step(at, message)));
    }
}
