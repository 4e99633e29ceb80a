package io.viberglass.platform.secrets;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code secrets}. The value is never here in plaintext: it is an environment variable's name, an SSM
 * parameter's name, or AES-GCM ciphertext with its nonce and key id.
 */
public record Secret(
        UUID id,
        UUID projectId,
        String name,
        SecretStorage storage,
        String envName,
        String ssmParameter,
        byte[] ciphertext,
        byte[] nonce,
        String keyId,
        Instant createdAt,
        Instant updatedAt,
        String updatedBy) {}
