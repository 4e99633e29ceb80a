package io.viberglass.platform.auth;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** Request and reply bodies of invite and password reset links. None of them prints its secret. */
public final class AccountLinks {
    private AccountLinks() {}

    public record InviteUser(
            @NotNull @Size(max = 320) String email, @NotNull @Size(min = 1, max = 255) String name, GlobalRole role) {}

    /** The link to hand over (its token is in the fragment, which browsers never send to a server). */
    public record IssuedLink(AccountLink.Kind kind, String url, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedLink[kind=" + kind + ", expiresAt=" + expiresAt + "]";
        }
    }

    public record Invitation(UserView user, IssuedLink link) {}

    public record Inspect(@NotNull @Size(min = 1, max = 200) String token) {
        @Override
        public String toString() {
            return "Inspect[]";
        }
    }

    public record LinkDetails(AccountLink.Kind kind, String email, String name, Instant expiresAt) {}

    public record Redeem(@NotNull @Size(min = 1, max = 200) String token, @NotNull @Size(max = 1024) String password) {
        @Override
        public String toString() {
            return "Redeem[]";
        }
    }
}
