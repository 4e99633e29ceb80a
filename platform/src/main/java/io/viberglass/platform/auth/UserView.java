package io.viberglass.platform.auth;

import java.time.Instant;
import java.util.UUID;

/** A user as the API shows it: never the password hash. */
public record UserView(
        UUID id, String email, String name, GlobalRole role, boolean active, Instant createdAt, Instant updatedAt) {
    public static UserView of(User user) {
        return new UserView(
                user.id(), user.email(), user.name(), user.role(), user.active(), user.createdAt(), user.updatedAt());
    }
}
