package io.viberglass.platform.secrets;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A secret as the API shows it: where it lives and who uses it, never its value. */
public record SecretView(
        UUID id,
        UUID projectId,
        String name,
        SecretStorage storage,
        String envName,
        String ssmParameter,
        Instant createdAt,
        Instant updatedAt,
        String updatedBy,
        List<String> usedByClankers,
        List<String> usedByRepositories) {

    static SecretView of(Secret secret, List<String> clankers, List<String> repositories) {
        return new SecretView(
                secret.id(),
                secret.projectId(),
                secret.name(),
                secret.storage(),
                secret.envName(),
                secret.ssmParameter(),
                secret.createdAt(),
                secret.updatedAt(),
                secret.updatedBy(),
                clankers,
                repositories);
    }
}
