package io.viberglass.platform.auth;

import io.viberglass.common.job.WireEnum;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code account_links}: a one-time invite or password reset link, known by its token's SHA-256 only. */
public record AccountLink(
        UUID id,
        UUID userId,
        Kind kind,
        String tokenHash,
        UUID issuedBy,
        Instant createdAt,
        Instant expiresAt,
        Instant usedAt,
        Instant revokedAt) {

    /** An invite sets the first password of a new account; a reset replaces a forgotten one. */
    public enum Kind implements WireEnum {
        INVITE,
        RESET
    }

    public boolean usableAt(Instant now) {
        return usedAt == null && revokedAt == null && now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "AccountLink[id=" + id + ", user=" + userId + ", kind=" + kind + "]";
    }
}
