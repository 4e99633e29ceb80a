package io.viberglass.platform.clankers;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.json.Json;

/**
 * A row of {@code clanker_provisioning}: the last provisioning of a clanker and the last availability check of its
 * runtime.
 *
 * @param heartbeatAt the last sign of life of a running provisioning; a stale one is resumed by another replica
 * @param messages the provisioning's steps, oldest first (the last 50)
 * @param resources what provisioning found or created (image id, task definition ARN, function ARN)
 * @param consecutiveFailures failed availability checks in a row
 * @param unavailableSince when the availability check marked the clanker failed; it becomes active again by itself
 */
public record ProvisioningState(
        UUID clankerId,
        Instant startedAt,
        Instant heartbeatAt,
        Instant finishedAt,
        String lastError,
        @Json List<Step> messages,
        @Json Map<String, Object> resources,
        Instant checkedAt,
        Boolean healthy,
        String checkMessage,
        int consecutiveFailures,
        Instant unavailableSince) {

    /** One provisioning step as the user sees it. */
    public record Step(Instant at, String message) {}
}
