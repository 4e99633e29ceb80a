package io.viberglass.platform.integrations;

import io.viberglass.platform.secrets.SecretStorage;
import java.time.Instant;
import java.util.UUID;

/**
 * An integration credential as the API shows it: never its value. {@code expired} says whether it can still be used;
 * {@code repositoriesUsing} counts the repositories that push with it (deletion names them, for administrators only).
 * {@code secretId} is shown only for a secret the user manages.
 */
public record CredentialView(
        UUID id,
        UUID integrationId,
        String name,
        CredentialType credentialType,
        SecretStorage storage,
        UUID secretId,
        boolean isDefault,
        String description,
        Instant expiresAt,
        boolean expired,
        Instant lastUsedAt,
        int repositoriesUsing,
        Instant createdAt,
        Instant updatedAt) {

    static CredentialView of(
            IntegrationCredential credential, SecretStorage storage, int repositoriesUsing, Instant now) {
        return new CredentialView(
                credential.id(),
                credential.integrationId(),
                credential.name(),
                credential.credentialType(),
                storage,
                credential.secretOwned() ? null : credential.secretId(),
                credential.isDefault(),
                credential.description(),
                credential.expiresAt(),
                credential.isExpired(now),
                credential.lastUsedAt(),
                repositoriesUsing,
                credential.createdAt(),
                credential.updatedAt());
    }
}
