package io.viberglass.platform.auth;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code user_sessions}: the opaque token itself is never stored, only its SHA-256. */
public record Session(
        UUID id,
        UUID userId,
        String tokenHash,
        Instant createdAt,
        Instant lastSeenAt,
        Instant expiresAt,
        Instant revokedAt,
        String ip,
        String userAgent) {}
