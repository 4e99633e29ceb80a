package io.viberglass.platform.auth;

import io.viberglass.common.security.Tokens;
import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.ratelimit.RateLimit;
import io.viberglass.platform.infra.ratelimit.RateLimiter;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Personal API tokens for scripts, CI and the CLI: {@code vibe_} + 64 hex, shown once, stored as SHA-256, valid on the
 * whole REST API with at most their scope of their owner's rights, until they expire or are revoked.
 */
public class ApiTokenService implements ApiTokens {
    private static final Duration TOUCH_GRANULARITY = Duration.ofMinutes(1);
    static final int PREFIX_LENGTH = 12;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Tokens tokens;
    private final RateLimiter limiter;
    private final RateLimit creationLimit;
    private final AuditLog audit;

    public ApiTokenService(
            Jdbi jdbi, Clock clock, Tokens tokens, RateLimiter limiter, RateLimit creationLimit, AuditLog audit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.tokens = tokens;
        this.limiter = limiter;
        this.creationLimit = creationLimit;
        this.audit = audit;
    }

    public record CreateToken(@NotNull @Size(min = 1, max = 255) String name, TokenScope scope, Instant expiresAt) {}

    /** A token as listed: never the token or its hash. */
    public record TokenView(
            UUID id,
            String name,
            String tokenPrefix,
            TokenScope scope,
            Instant expiresAt,
            Instant lastUsedAt,
            Instant createdAt) {
        static TokenView of(ApiToken token) {
            return new TokenView(
                    token.id(),
                    token.name(),
                    token.tokenPrefix(),
                    token.scope(),
                    token.expiresAt(),
                    token.lastUsedAt(),
                    token.createdAt());
        }
    }

    /** A new token: the only answer that ever carries it. */
    public record CreatedToken(
            UUID id,
            String name,
            String token,
            String tokenPrefix,
            TokenScope scope,
            Instant expiresAt,
            Instant createdAt) {
        @Override
        public String toString() {
            return "CreatedToken[id=" + id + ", prefix=" + tokenPrefix + "]";
        }
    }

    public List<TokenView> list(Actor actor) {
        AuthService.requireAccount(actor);
        return jdbi.withExtension(ApiTokenDao.class, dao -> dao.listOwn(actor.userId())).stream()
                .map(TokenView::of)
                .toList();
    }

    public CreatedToken create(Actor actor, CreateToken request) {
        AuthService.requireAccount(actor);
        if (actor.viaToken() && !actor.scope().allows(TokenScope.ADMIN)) {
            throw DomainException.forbidden(
                    "TOKEN_SCOPE_INSUFFICIENT", "Only a session or an admin-scoped token may create tokens");
        }
        limiter.check("token-create:account:" + actor.userId(), creationLimit);
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw DomainException.invalid("INVALID_EXPIRY", "expiresAt", "must be in the future");
        }
        TokenScope scope = request.scope() == null ? TokenScope.READ : request.scope();
        String token = PREFIX + tokens.randomHex(32);
        ApiToken row = new ApiToken(
                UUID.randomUUID(),
                actor.userId(),
                request.name().trim(),
                Tokens.sha256Hex(token),
                token.substring(0, PREFIX_LENGTH),
                scope,
                request.expiresAt(),
                null,
                null,
                now);
        jdbi.useTransaction(handle -> {
            handle.attach(ApiTokenDao.class).insert(row);
            audit.record(
                    handle,
                    AuditEntry.by(actor, "token.created")
                            .target("api_token", row.id())
                            .detail("name", row.name())
                            .detail("scope", scope.wire())
                            .detail("expiresAt", row.expiresAt()));
        });
        return new CreatedToken(row.id(), row.name(), token, row.tokenPrefix(), scope, row.expiresAt(), now);
    }

    public void revoke(Actor actor, UUID id) {
        AuthService.requireAccount(actor);
        jdbi.useTransaction(handle -> {
            if (handle.attach(ApiTokenDao.class).revoke(id, actor.userId(), clock.instant()) == 0) {
                throw DomainException.notFound("API_TOKEN_NOT_FOUND", "API token " + id + " not found");
            }
            audit.record(handle, AuditEntry.by(actor, "token.revoked").target("api_token", id));
        });
    }

    @Override
    public Optional<Actor> authenticate(String token) {
        Instant now = clock.instant();
        return jdbi.withHandle(handle -> {
            Optional<ApiToken> found = handle.attach(ApiTokenDao.class).findLive(Tokens.sha256Hex(token), now);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Optional<User> user =
                    handle.attach(UserDao.class).find(found.get().userId()).filter(User::active);
            if (user.isEmpty()) {
                return Optional.empty();
            }
            ApiToken row = found.get();
            if (row.lastUsedAt() == null
                    || Duration.between(row.lastUsedAt(), now).compareTo(TOUCH_GRANULARITY) >= 0) {
                handle.attach(ApiTokenDao.class).touch(row.id(), now);
            }
            return Optional.of(Actor.apiToken(user.get(), row.id(), row.scope()));
        });
    }
}
