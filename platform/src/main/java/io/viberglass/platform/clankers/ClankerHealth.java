package io.viberglass.platform.clankers;

import java.time.Instant;
import java.util.UUID;

/**
 * A live check of a clanker: healthy when its configuration is complete and its runtime answers with its resource in
 * place.
 */
public record ClankerHealth(
        UUID clankerId,
        boolean healthy,
        String status,
        ClankerStatus clankerStatus,
        Checks checks,
        String message,
        Instant lastChecked) {

    public record Checks(boolean configurationComplete, boolean runtimeReachable, boolean resourceExists) {}
}
