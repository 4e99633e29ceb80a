package io.viberglass.platform.integrations;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An integration as the API shows it: its settings and whether it has a token, never the token. */
public record IntegrationView(
        UUID id,
        String name,
        IntegrationSystem system,
        IntegrationSystem.Category category,
        Map<String, Object> config,
        boolean active,
        boolean hasToken,
        UUID tokenSecretId,
        Instant createdAt,
        Instant updatedAt) {

    static IntegrationView of(Integration integration) {
        return new IntegrationView(
                integration.id(),
                integration.name(),
                integration.system(),
                integration.system().category(),
                integration.config(),
                integration.active(),
                integration.tokenSecretId() != null,
                integration.tokenSecretOwned() ? null : integration.tokenSecretId(),
                integration.createdAt(),
                integration.updatedAt());
    }
}
