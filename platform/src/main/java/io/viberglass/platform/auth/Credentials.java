package io.viberglass.platform.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;

/**
 * A presented secret: a session token or a {@code vibe_} API token, from {@code Authorization: Bearer} or the session
 * cookie. Where it came from matters: only cookies are sent by browsers on their own, so only they need CSRF checks.
 */
public record Credentials(String token, Source source) {
    public enum Source {
        BEARER,
        COOKIE
    }

    public static final String SESSION_COOKIE = "vg_session";
    public static final String CSRF_COOKIE = "vg_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    public static Optional<Credentials> from(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            return token.isEmpty() ? Optional.empty() : Optional.of(new Credentials(token, Source.BEARER));
        }
        Cookie cookie = request.getCookies().get(SESSION_COOKIE);
        if (cookie != null && cookie.getValue() != null && !cookie.getValue().isBlank()) {
            return Optional.of(new Credentials(cookie.getValue(), Source.COOKIE));
        }
        return Optional.empty();
    }

    public boolean isApiToken() {
        return token.startsWith(ApiTokens.PREFIX);
    }

    @Override
    public String toString() {
        return "Credentials[source=" + source + "]";
    }
}
