package io.viberglass.platform.integrations;

import java.util.Arrays;
import java.util.List;

/** One entry of {@code GET /api/integrations/types/available}. */
public record PluginInfo(
        IntegrationSystem id,
        String label,
        IntegrationSystem.Category category,
        String status,
        List<String> requiredSettings,
        List<String> optionalSettings,
        boolean supportsWebhooks,
        List<String> inboundEvents) {

    static List<PluginInfo> all() {
        return Arrays.stream(IntegrationSystem.values())
                .map(system -> new PluginInfo(
                        system,
                        system.label(),
                        system.category(),
                        "ready",
                        system.requiredSettings(),
                        system.optionalSettings(),
                        system.supportsWebhooks(),
                        system.inboundEvents()))
                .toList();
    }
}
