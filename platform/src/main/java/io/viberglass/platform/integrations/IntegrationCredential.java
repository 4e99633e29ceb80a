package io.viberglass.platform.integrations;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code integration_credentials}: a named token of an integration, its value kept as a secret. */
public record IntegrationCredential(
        UUID id,
        UUID integrationId,
        String name,
        CredentialType credentialType,
        UUID secretId,
        boolean secretOwned,
        boolean isDefault,
        String description,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant createdAt,
        Instant updatedAt) {

    /** Expired at {@code now}: its expiry is not after now. */
    public boolean isExpired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** The error every use of an expired credential reports: which one, since when, and what to do. */
    public String expiredMessage() {
        return "Credential " + name + " expired at " + expiresAt + "; give it a new value and expiry, or select "
                + "another credential";
    }
}
