package io.viberglass.platform.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

/** Renews the cookies' max-age on each cookie-authenticated answer, so the browser's copy slides with the session. */
public class SessionCookieRefresher implements ContainerResponseFilter {
    private final AuthCookies cookies;

    public SessionCookieRefresher(AuthCookies cookies) {
        this.cookies = cookies;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object token = request.getProperty(ActorAuthFilter.REFRESH_COOKIE);
        if (token == null
                || response.getStatus() == 401
                || response.getHeaders().containsKey(HttpHeaders.SET_COOKIE)) {
            return;
        }
        for (var cookie : cookies.issue(token.toString())) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, cookie);
        }
    }
}
