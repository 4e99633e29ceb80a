package io.viberglass.platform.integrations;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/**
 * Create or change an integration credential. On create {@code name} is required and the value is given either as
 * {@code value} (stored encrypted as a secret the credential owns) or as {@code secretId} (a secret the user manages);
 * it is never returned. On update absent fields keep their value; {@code value} rotates an owned secret.
 * {@code isDefault} makes it the integration's default, unsetting the previous one.
 */
public record CredentialRequest(
        @Size(min = 1, max = 255) String name,
        CredentialType credentialType,
        @Size(max = 10_000) String value,
        UUID secretId,
        Boolean isDefault,
        @Size(max = 2000) String description,
        Instant expiresAt) {

    @Override
    public String toString() {
        return "CredentialRequest[name=" + name + ", type=" + credentialType + ", value="
                + (value == null ? null : "[REDACTED]") + ", secretId=" + secretId + "]";
    }
}
