package io.viberglass.platform.auth;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code api_tokens}: only the SHA-256 of the token is kept, and its first characters to recognise it. */
public record ApiToken(
        UUID id,
        UUID userId,
        String name,
        String tokenHash,
        String tokenPrefix,
        TokenScope scope,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant revokedAt,
        Instant createdAt) {}
