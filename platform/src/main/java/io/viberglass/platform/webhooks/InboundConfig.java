package io.viberglass.platform.webhooks;

import io.viberglass.platform.integrations.IntegrationSystem;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.json.Json;

/**
 * A row of {@code webhook_inbound_configs}: one webhook URL of an integration, the project its tickets go to, its
 * signing secret (a secret row), which events it accepts and whether they start runs.
 *
 * @param options custom webhooks: {@code signatureHeader}, {@code signatureAlgorithm}, {@code fieldMapping}
 */
public record InboundConfig(
        UUID id,
        UUID integrationId,
        IntegrationSystem provider,
        UUID projectId,
        String providerProjectId,
        UUID secretId,
        boolean secretOwned,
        List<String> allowedEvents,
        boolean autoExecute,
        AutoExecuteMode autoExecuteMode,
        List<String> requiredLabels,
        String botUsername,
        UUID clankerId,
        Integer followUpLimit,
        @Json Map<String, Object> options,
        boolean active,
        long rejectedCount,
        Instant rejectedAt,
        Instant createdAt,
        Instant updatedAt) {

    public static final String DEFAULT_SIGNATURE_HEADER = "X-Webhook-Signature-256";

    /** Whether {@code type} ({@code issues.opened}) passes the filter: all when empty or {@code *}, else full or base. */
    public boolean accepts(String type) {
        if (allowedEvents.isEmpty() || allowedEvents.contains("*")) {
            return true;
        }
        String base = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
        return allowedEvents.contains(type) || allowedEvents.contains(base);
    }

    /** Whether an issue with these labels starts a run under this webhook's auto-execute policy. */
    public boolean autoRuns(List<String> labels) {
        if (!autoExecute) {
            return false;
        }
        if (autoExecuteMode == AutoExecuteMode.MATCHING_EVENTS) {
            return true;
        }
        return labels.stream().map(label -> label.toLowerCase(Locale.ROOT)).anyMatch(requiredLabels::contains);
    }

    public String option(String name, String fallback) {
        Object value = options.get(name);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> fieldMapping() {
        Object value = options.get("fieldMapping");
        return value instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
    }
}
