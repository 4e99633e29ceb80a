package io.viberglass.platform.auth;

import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;

/**
 * The session cookie (httpOnly, SameSite=Lax, so scripts cannot read it and cross-site subrequests do not carry it)
 * and the CSRF cookie (readable by the dashboard, which echoes it in {@code X-CSRF-Token}).
 */
public class AuthCookies {
    private final boolean secure;
    private final Duration ttl;

    public AuthCookies(boolean secure, Duration ttl) {
        this.secure = secure;
        this.ttl = ttl;
    }

    public NewCookie[] issue(String sessionToken) {
        int maxAge = (int) Math.min(Integer.MAX_VALUE, ttl.toSeconds());
        return new NewCookie[] {
            cookie(Credentials.SESSION_COOKIE, sessionToken, maxAge, true),
            cookie(Credentials.CSRF_COOKIE, AuthService.csrfToken(sessionToken), maxAge, false)
        };
    }

    public NewCookie[] clear() {
        return new NewCookie[] {
            cookie(Credentials.SESSION_COOKIE, "", 0, true), cookie(Credentials.CSRF_COOKIE, "", 0, false)
        };
    }

    private NewCookie cookie(String name, String value, int maxAge, boolean httpOnly) {
        return new NewCookie.Builder(name)
                .value(value)
                .path("/")
                .maxAge(maxAge)
                .httpOnly(httpOnly)
                .secure(secure)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }
}
