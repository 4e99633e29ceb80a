package io.viberglass.platform.auth;

import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.core.setup.Environment;
import io.viberglass.common.security.Tokens;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.infra.config.AuthSettings;
import io.viberglass.platform.infra.ratelimit.RateLimiter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires accounts, sessions, API tokens and the request filters that authenticate and authorize every call. */
public final class Authentication {
    private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);

    private Authentication() {}

    /** What other features need: sessions, and API tokens (the MCP endpoint authenticates by them). */
    public record Parts(AuthService sessions, ApiTokens apiTokens) {}

    public static Parts register(
            Environment environment,
            Jdbi jdbi,
            Clock clock,
            AuthSettings settings,
            String publicUrl,
            RateLimiter limiter,
            AuditLog audit) {
        SecureRandom random = new SecureRandom();
        Tokens tokens = new Tokens(random);
        PasswordHasher hasher = new PasswordHasher(
                random, settings.getPasswordHashMemoryKib(), settings.getPasswordHashIterations(), 1);
        AuthService auth = new AuthService(jdbi, clock, hasher, tokens, limiter, settings, audit);
        ApiTokenService apiTokens =
                new ApiTokenService(jdbi, clock, tokens, limiter, settings.getTokenCreationPerAccount(), audit);
        boolean secure =
                settings.getSecureCookies() != null ? settings.getSecureCookies() : publicUrl.startsWith("https:");
        AuthCookies cookies = new AuthCookies(secure, auth.ttl());

        if (!settings.isEnabled()) {
            LOG.warn(
                    "AUTH_ENABLED=false: authentication is OFF. Every request acts as the single local administrator "
                            + "'{}' with full rights. Use this only on a laptop, never on a reachable network.",
                    Actor.LOCAL_ADMIN_NAME);
        }
        var jersey = environment.jersey();
        jersey.register(new AuthDynamicFeature(new ActorAuthFilter(
                settings.isEnabled(), new ActorAuthenticator(auth, apiTokens), new ActorAuthorizer())));
        jersey.register(RolesAllowedDynamicFeature.class);
        jersey.register(new AuthValueFactoryProvider.Binder<>(Actor.class));
        jersey.register(new AccessPolicyFeature());
        jersey.register(new SessionCookieRefresher(cookies));
        UserService users = new UserService(jdbi, clock, hasher, audit);
        AccountLinkService links = new AccountLinkService(
                jdbi,
                clock,
                tokens,
                hasher,
                auth,
                limiter,
                settings.getLoginPerIp(),
                Duration.ofMillis(settings.getLinkTtl().toMilliseconds()),
                publicUrl,
                audit,
                users);
        jersey.register(new AuthResource(auth, cookies));
        jersey.register(new AccountLinksResource(links, cookies));
        jersey.register(new UsersResource(users, links));
        jersey.register(new ApiTokensResource(apiTokens));
        return new Parts(auth, apiTokens);
    }
}
