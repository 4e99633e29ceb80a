package io.viberglass.platform.auth;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code users}; {@code passwordHash} is a PHC-format Argon2id string and never leaves the service. */
public record User(
        UUID id,
        String email,
        String name,
        String passwordHash,
        GlobalRole role,
        boolean active,
        boolean initialAdmin,
        Instant createdAt,
        Instant updatedAt) {

    @Override
    public String toString() {
        return "User[id=" + id + ", email=" + email + ", role=" + role + ", active=" + active + "]";
    }
}
