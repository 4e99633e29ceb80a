package io.viberglass.platform.auth;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the sign-in routes. Passwords are checked by {@link PasswordPolicy}, not by annotations. */
public final class AuthRequests {
    private AuthRequests() {}

    public record Setup(
            @NotNull @Size(max = 320) String email,
            @NotNull @Size(min = 1, max = 255) String name,
            @NotNull @Size(max = 1024) String password) {
        @Override
        public String toString() {
            return "Setup[email=" + email + "]";
        }
    }

    public record Login(@NotNull @Size(max = 320) String email, @NotNull @Size(max = 1024) String password) {
        @Override
        public String toString() {
            return "Login[email=" + email + "]";
        }
    }

    public record ChangePassword(
            @NotNull @Size(max = 1024) String currentPassword, @NotNull @Size(max = 1024) String newPassword) {
        @Override
        public String toString() {
            return "ChangePassword[]";
        }
    }
}
