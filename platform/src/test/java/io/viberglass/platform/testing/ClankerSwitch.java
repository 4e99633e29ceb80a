package io.viberglass.platform.testing;

import io.viberglass.common.json.Json;
import io.viberglass.platform.clankers.ClankerProvisioning;
import io.viberglass.platform.clankers.ClankerSettings;
import io.viberglass.platform.clankers.WorkerImageCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Starts and deactivates clankers without provisioning anything: every strategy is active at once. */
public final class ClankerSwitch {
    private final ClankerProvisioning provisioning;

    public ClankerSwitch(Jdbi jdbi, Clock clock) {
        this.provisioning = new ClankerProvisioning(
                jdbi,
                clock,
                Json.newMapper(),
                List.of(),
                new WorkerImageCatalog(new ClankerSettings.Images()),
                Duration.ofMinutes(2),
                Runnable::run);
    }

    public void start(UUID clankerId) {
        provisioning.start(clankerId);
    }

    public void deactivate(UUID clankerId) {
        provisioning.deactivate(clankerId);
    }
}
