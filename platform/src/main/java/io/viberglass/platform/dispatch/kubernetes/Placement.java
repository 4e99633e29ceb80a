package io.viberglass.platform.dispatch.kubernetes;

import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.dispatch.KubernetesWorkerSettings;
import java.util.Map;

/**
 * Where and how big a clanker's worker pods are: the platform's settings, overridden per clanker by its
 * {@code deploymentConfig} ({@code image}, {@code namespace}, {@code serviceAccount}, {@code cpuRequest},
 * {@code cpuLimit}, {@code memoryRequest}, {@code memoryLimit}).
 */
record Placement(
        String namespace,
        String image,
        String serviceAccount,
        String cpuRequest,
        String cpuLimit,
        String memoryRequest,
        String memoryLimit) {

    static Placement of(Clanker clanker, KubernetesWorkerSettings settings) {
        Map<String, Object> config = clanker.deploymentConfig() == null ? Map.of() : clanker.deploymentConfig();
        return new Placement(
                text(config, "namespace", settings.getNamespace()),
                text(
                        config,
                        "image",
                        settings.getImageTemplate()
                                .replace("{agent}", clanker.agent().wire())),
                text(config, "serviceAccount", settings.getServiceAccount()),
                text(config, "cpuRequest", settings.getCpuRequest()),
                text(config, "cpuLimit", settings.getCpuLimit()),
                text(config, "memoryRequest", settings.getMemoryRequest()),
                text(config, "memoryLimit", settings.getMemoryLimit()));
    }

    private static String text(Map<String, Object> config, String key, String fallback) {
        Object value = config.get(key);
        return value instanceof String text && !text.isBlank() ? text.trim() : fallback;
    }
}
