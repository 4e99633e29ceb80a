package io.viberglass.platform.auth;

import io.dropwizard.auth.AuthFilter;
import io.dropwizard.auth.UnauthorizedHandler;
import io.viberglass.common.security.Tokens;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.errors.ErrorKind;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Set;

/**
 * Authenticates every protected request from {@code Authorization: Bearer} or the session cookie. Cookie-authenticated
 * writes must carry the session's CSRF token in {@code X-CSRF-Token}; read-scoped API tokens may only read. With
 * authentication switched off, every request is the local administrator.
 */
@Priority(Priorities.AUTHENTICATION)
public class ActorAuthFilter extends AuthFilter<Credentials, Actor> {
    /** Request property naming the session token to refresh in the cookie on the way out (sliding expiry). */
    static final String REFRESH_COOKIE = "viberglass.session.refresh";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final boolean enabled;

    public ActorAuthFilter(boolean enabled, ActorAuthenticator authenticator, ActorAuthorizer authorizer) {
        this.enabled = enabled;
        this.authenticator = authenticator;
        this.authorizer = authorizer;
        this.prefix = "Bearer";
        this.realm = "viberglass";
        this.unauthorizedHandler = new UnauthorizedHandler() {
            @Override
            public RuntimeException buildException(String prefix, String realm) {
                return unauthorized();
            }
        };
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!enabled) {
            actAs(request, Actor.localAdmin());
            return;
        }
        Credentials credentials = Credentials.from(request).orElseThrow(ActorAuthFilter::unauthorized);
        if (!authenticate(request, credentials, SecurityContext.BASIC_AUTH)) {
            throw unauthorized();
        }
        boolean write = !SAFE_METHODS.contains(request.getMethod());
        if (write && credentials.source() == Credentials.Source.COOKIE) {
            String presented = request.getHeaderString(Credentials.CSRF_HEADER);
            if (!Tokens.constantTimeEquals(presented, AuthService.csrfToken(credentials.token()))) {
                throw DomainException.forbidden(
                        "CSRF_TOKEN_INVALID",
                        "Writes signed in by cookie must send the session's CSRF token in " + Credentials.CSRF_HEADER);
            }
        }
        Actor actor = (Actor) request.getSecurityContext().getUserPrincipal();
        if (write && !actor.scope().allows(TokenScope.WRITE)) {
            throw DomainException.forbidden("TOKEN_SCOPE_INSUFFICIENT", "This token's scope is read; it cannot write");
        }
        if (credentials.source() == Credentials.Source.COOKIE) {
            request.setProperty(REFRESH_COOKIE, credentials.token());
        }
    }

    private void actAs(ContainerRequestContext request, Actor actor) {
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return actor;
            }

            @Override
            public boolean isUserInRole(String role) {
                return authorizer.authorize(actor, role, request);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "local";
            }
        });
    }

    static DomainException unauthorized() {
        return new DomainException(
                ErrorKind.UNAUTHORIZED, "UNAUTHORIZED", "Sign in, or send a valid session or API token");
    }
}
