package io.viberglass.platform.integrations;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.json.Json;

/** A row of {@code integrations}: one connection to an outside system, its API token kept as a secret. */
public record Integration(
        UUID id,
        String name,
        IntegrationSystem system,
        @Json Map<String, Object> config,
        UUID tokenSecretId,
        boolean tokenSecretOwned,
        boolean active,
        Instant createdAt,
        Instant updatedAt) {

    /** A setting as text, or {@code fallback} when absent or blank. */
    public String setting(String name, String fallback) {
        Object value = config.get(name);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }
}
