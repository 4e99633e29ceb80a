package io.viberglass.platform.clankers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks each active (or unavailable) clanker's runtime whether workers could start. After
 * {@code unavailableAfterFailures} failed checks in a row an active clanker becomes {@code failed} (its queued jobs then
 * fail instead of waiting); a clanker failed this way becomes active again when its runtime is back. A clanker whose
 * provisioning failed stays failed until it is started again.
 */
public class AvailabilityCheck {
    private static final Logger LOG = LoggerFactory.getLogger(AvailabilityCheck.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final ClankerProvisioning provisioning;
    private final Duration interval;
    private final int failuresBeforeUnavailable;

    public AvailabilityCheck(
            Jdbi jdbi,
            Clock clock,
            ClankerProvisioning provisioning,
            Duration interval,
            int failuresBeforeUnavailable) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.provisioning = provisioning;
        this.interval = interval;
        this.failuresBeforeUnavailable = failuresBeforeUnavailable;
    }

    /** Checks every clanker due; each is claimed first, so with several replicas one of them checks it. */
    public void checkDue() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(interval);
        for (UUID id : jdbi.withExtension(ProvisioningDao.class, dao -> dao.dueForCheck(cutoff))) {
            if (jdbi.withExtension(ProvisioningDao.class, dao -> dao.claimCheck(id, now, cutoff)) == 1) {
                check(id);
            }
        }
    }

    void check(UUID id) {
        Optional<Clanker> found = jdbi.withExtension(ClankerDao.class, dao -> dao.find(id));
        if (found.isEmpty()
                || !(found.get().status() == ClankerStatus.ACTIVE || found.get().status() == ClankerStatus.FAILED)) {
            return;
        }
        Clanker clanker = found.get();
        Availability availability = ask(clanker);
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            ClankerDao clankers = handle.attach(ClankerDao.class);
            ProvisioningDao dao = handle.attach(ProvisioningDao.class);
            ProvisioningState state = dao.find(id).orElse(null);
            Instant unavailableSince = state == null ? null : state.unavailableSince();
            if (availability.available()) {
                if (clanker.status() == ClankerStatus.FAILED && unavailableSince != null) {
                    clankers.moveStatus(
                            id,
                            ClankerStatus.FAILED,
                            ClankerStatus.ACTIVE,
                            "Available again: " + availability.message(),
                            now);
                }
                dao.recordCheck(id, now, true, availability.message(), 0, null);
                return;
            }
            int failures = (state == null ? 0 : state.consecutiveFailures()) + 1;
            if (clanker.status() == ClankerStatus.ACTIVE && failures >= failuresBeforeUnavailable) {
                int moved = clankers.moveStatus(
                        id, ClankerStatus.ACTIVE, ClankerStatus.FAILED, "Unavailable: " + availability.message(), now);
                if (moved == 1) {
                    unavailableSince = now;
                    LOG.warn("Clanker {} is unavailable: {}", clanker.name(), availability.message());
                }
            }
            dao.recordCheck(id, now, false, availability.message(), failures, unavailableSince);
        });
    }

    /** The live health of one clanker, for {@code GET /clankers/{id}/health}; changes nothing. */
    public ClankerHealth health(Clanker clanker) {
        boolean complete = DeploymentConfigRules.problems(clanker.deploymentStrategy(), clanker.deploymentConfig())
                .isEmpty();
        Availability availability = ask(clanker);
        boolean healthy = complete && availability.available();
        String message =
                complete ? availability.message() : "The configuration is incomplete; see missingConfiguration";
        return new ClankerHealth(
                clanker.id(),
                healthy,
                healthy ? "healthy" : "unhealthy",
                clanker.status(),
                new ClankerHealth.Checks(complete, availability.runtimeReachable(), availability.resourceExists()),
                message,
                clock.instant());
    }

    private Availability ask(Clanker clanker) {
        return provisioning
                .provisioner(clanker.deploymentStrategy())
                .map(provisioner -> {
                    try {
                        return provisioner.check(clanker);
                    } catch (RuntimeException e) {
                        return Availability.unreachable("The check failed: " + e.getMessage());
                    }
                })
                .orElseGet(() -> Availability.ready("Workers run as processes on the platform host"));
    }
}
