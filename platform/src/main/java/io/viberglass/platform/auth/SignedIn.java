package io.viberglass.platform.auth;

import java.time.Instant;

/**
 * A new session: the opaque token (shown this once; also set as an httpOnly cookie), the CSRF token a browser sends
 * back in {@code X-CSRF-Token} on writes, and the user.
 */
public record SignedIn(String token, String csrfToken, Instant expiresAt, UserView user) {
    @Override
    public String toString() {
        return "SignedIn[user=" + user.email() + ", expiresAt=" + expiresAt + "]";
    }
}
