package io.viberglass.platform.dispatch.bundle;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code worker_secret_bundles}; {@code sealed} and {@code nonce} are null once fetched. */
public record SecretBundleRow(
        UUID jobId,
        String holder,
        String tokenHash,
        String claimTokenHash,
        byte[] nonce,
        byte[] sealed,
        Instant createdAt,
        Instant fetchedAt) {}
