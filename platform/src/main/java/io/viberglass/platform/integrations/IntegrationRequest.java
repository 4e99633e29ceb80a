package io.viberglass.platform.integrations;

import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;

/**
 * Create or change an integration. On create {@code name} and {@code system} are required. The API token is given
 * either as a value ({@code token}, stored encrypted as a secret the integration owns) or as a reference to an existing
 * secret ({@code tokenSecretId}); it is never returned. On update, absent fields keep their value and an empty
 * {@code token} removes the token.
 */
public record IntegrationRequest(
        @Size(min = 1, max = 255) String name,
        IntegrationSystem system,
        @Size(max = 50) Map<@Size(max = 100) String, Object> config,
        @Size(max = 10_000) String token,
        UUID tokenSecretId,
        Boolean active) {

    @Override
    public String toString() {
        return "IntegrationRequest[name=" + name + ", system=" + system + ", token="
                + (token == null ? null : "[REDACTED]") + "]";
    }
}
