package io.viberglass.platform.clankers;

import java.util.Map;

/**
 * What provisioning did.
 *
 * @param configUpdates keys merged into the clanker's {@code deploymentConfig} (a registered task definition's ARN, the
 *     catalog image it now runs)
 * @param resources what was found or created, for the clanker's detail (image id, function ARN, …)
 * @param message the status message of the now active clanker
 */
public record Provisioned(Map<String, Object> configUpdates, Map<String, Object> resources, String message) {
    public Provisioned {
        configUpdates = Map.copyOf(configUpdates);
        resources = Map.copyOf(resources);
    }
}
