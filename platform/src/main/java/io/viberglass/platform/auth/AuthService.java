package io.viberglass.platform.auth;

import io.viberglass.common.security.Tokens;
import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.infra.config.AuthSettings;
import io.viberglass.platform.infra.db.Constraints;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.errors.ErrorKind;
import io.viberglass.platform.infra.ratelimit.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * First-run setup, sign-in and sessions. A session token is 32 random bytes (64 hex) shown once; the database keeps
 * its SHA-256. Sessions expire after {@code sessionTtl} without use, and each use slides the expiry forward (at most
 * once a minute, to spare the database a write per request).
 */
public class AuthService {
    private static final Duration SLIDE_GRANULARITY = Duration.ofMinutes(1);
    private static final String INVALID_LOGIN = "Invalid email or password";

    private final Jdbi jdbi;
    private final Clock clock;
    private final PasswordHasher hasher;
    private final Tokens tokens;
    private final RateLimiter limiter;
    private final AuthSettings settings;
    private final AuditLog audit;

    public AuthService(
            Jdbi jdbi,
            Clock clock,
            PasswordHasher hasher,
            Tokens tokens,
            RateLimiter limiter,
            AuthSettings settings,
            AuditLog audit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.hasher = hasher;
        this.tokens = tokens;
        this.limiter = limiter;
        this.settings = settings;
        this.audit = audit;
    }

    public record SetupStatus(boolean requiresInitialUser, boolean authEnabled) {}

    public SetupStatus status() {
        long users = jdbi.withExtension(UserDao.class, UserDao::count);
        return new SetupStatus(settings.isEnabled() && users == 0, settings.isEnabled());
    }

    /** Creates the first administrator and signs them in; refused once any user exists. */
    public SignedIn setup(AuthRequests.Setup request, ClientInfo client) {
        limiter.check("setup:ip:" + client.ip(), settings.getSetupPerIp());
        String email = Emails.require(request.email());
        PasswordPolicy.check(request.password(), email);
        String hash = hasher.hash(request.password());
        try {
            return jdbi.inTransaction(handle -> {
                UserDao users = handle.attach(UserDao.class);
                users.lock(UserDao.ADMINS_LOCK);
                if (users.count() > 0) {
                    throw setupCompleted();
                }
                Instant now = clock.instant();
                User admin = new User(
                        UUID.randomUUID(), email, request.name().trim(), hash, GlobalRole.ADMIN, true, true, now, now);
                users.insert(admin);
                audit.record(
                        handle,
                        AuditEntry.by(Actor.session(admin, null), "auth.setup")
                                .target("user", admin.id())
                                .from(client.ip()));
                return startSession(handle, admin, client);
            });
        } catch (UnableToExecuteStatementException e) {
            // the partial unique index is the last line of defence should two setups ever pass the lock
            if (Constraints.uniqueViolation(e).isPresent()) {
                throw setupCompleted();
            }
            throw e;
        }
    }

    public SignedIn login(AuthRequests.Login request, ClientInfo client) {
        String email = Emails.normalize(request.email());
        limiter.check("login:ip:" + client.ip(), settings.getLoginPerIp());
        limiter.check("login:account:" + email, settings.getLoginPerAccount());
        Optional<User> found = jdbi.withExtension(UserDao.class, dao -> dao.findByEmail(email));
        boolean matches =
                hasher.verify(request.password(), found.map(User::passwordHash).orElse(null));
        if (!matches || !found.get().active()) {
            audit.record(AuditEntry.anonymous(email, "auth.login_failed")
                    .from(client.ip())
                    .detail(
                            "reason",
                            found.isEmpty() ? "unknown account" : matches ? "deactivated" : "wrong password"));
            throw new DomainException(ErrorKind.UNAUTHORIZED, "INVALID_CREDENTIALS", INVALID_LOGIN);
        }
        User user = found.get();
        return jdbi.inTransaction(handle -> {
            SignedIn signedIn = startSession(handle, user, client);
            audit.record(
                    handle,
                    AuditEntry.by(Actor.session(user, null), "auth.login")
                            .target("user", user.id())
                            .from(client.ip()));
            return signedIn;
        });
    }

    /** Revokes the session of {@code token}, if it is one; signing out twice is harmless. */
    public void logout(String token) {
        if (token != null && !token.startsWith(ApiTokens.PREFIX)) {
            jdbi.useExtension(SessionDao.class, dao -> dao.revokeByHash(Tokens.sha256Hex(token), clock.instant()));
        }
    }

    /** Signs the actor's user out everywhere, this session included. */
    public int revokeAll(Actor actor) {
        requireAccount(actor);
        return jdbi.inTransaction(handle -> {
            int revoked = handle.attach(SessionDao.class).revokeAll(actor.userId(), clock.instant());
            audit.record(
                    handle,
                    AuditEntry.by(actor, "auth.sessions_revoked")
                            .target("user", actor.userId())
                            .detail("sessions", revoked));
            return revoked;
        });
    }

    /**
     * Changes the signed-in person's password after checking the current one, and signs out every other session of the
     * account (a stolen session should not outlive the password change that follows its theft). Only a session may do
     * this: an API token is a key for automation, not proof of the person.
     */
    public int changePassword(
            Actor actor, String sessionToken, AuthRequests.ChangePassword request, ClientInfo client) {
        requireAccount(actor);
        if (actor.kind() != Actor.Kind.SESSION || sessionToken == null) {
            throw DomainException.forbidden(
                    "SESSION_REQUIRED", "Change the password from a signed-in session, not with an API token");
        }
        limiter.check("password:account:" + actor.userId(), settings.getLoginPerAccount());
        User user = jdbi.withExtension(UserDao.class, dao -> dao.find(actor.userId()))
                .orElseThrow(() -> DomainException.unauthorized("The account no longer exists"));
        if (!hasher.verify(request.currentPassword(), user.passwordHash())) {
            audit.record(AuditEntry.by(actor, "auth.password_change_failed")
                    .target("user", user.id())
                    .from(client.ip()));
            throw DomainException.invalid("INVALID_CURRENT_PASSWORD", "currentPassword", "is not the current password");
        }
        PasswordPolicy.check(request.newPassword(), user.email(), "newPassword");
        if (request.newPassword().equals(request.currentPassword())) {
            throw DomainException.invalid("PASSWORD_UNCHANGED", "newPassword", "must differ from the current password");
        }
        String hash = hasher.hash(request.newPassword());
        return jdbi.inTransaction(handle -> {
            Instant now = clock.instant();
            handle.attach(UserDao.class).setPassword(user.id(), hash, now);
            int revoked = handle.attach(SessionDao.class).revokeOthers(user.id(), Tokens.sha256Hex(sessionToken), now);
            audit.record(
                    handle,
                    AuditEntry.by(actor, "auth.password_changed")
                            .target("user", user.id())
                            .from(client.ip())
                            .detail("otherSessionsRevoked", revoked));
            return revoked;
        });
    }

    public Optional<Actor> authenticate(String token) {
        Instant now = clock.instant();
        return jdbi.withHandle(handle -> {
            SessionDao sessions = handle.attach(SessionDao.class);
            Optional<Session> session = sessions.findLive(Tokens.sha256Hex(token), now);
            if (session.isEmpty()) {
                return Optional.empty();
            }
            Optional<User> user =
                    handle.attach(UserDao.class).find(session.get().userId()).filter(User::active);
            if (user.isEmpty()) {
                return Optional.empty();
            }
            if (Duration.between(session.get().lastSeenAt(), now).compareTo(SLIDE_GRANULARITY) >= 0) {
                sessions.extend(session.get().id(), now, now.plus(ttl()));
            }
            return Optional.of(Actor.session(user.get(), session.get().id()));
        });
    }

    public UserView me(Actor actor) {
        if (actor.userId() == null) {
            return new UserView(null, actor.getName(), actor.name(), actor.role(), true, null, null);
        }
        return jdbi.withExtension(UserDao.class, dao -> dao.find(actor.userId()))
                .map(UserView::of)
                .orElseThrow(ActorAuthFilter::unauthorized);
    }

    public Duration ttl() {
        return Duration.ofMillis(settings.getSessionTtl().toMilliseconds());
    }

    /** The CSRF token bound to a session: derived from its secret token, so it needs no storage and dies with it. */
    public static String csrfToken(String sessionToken) {
        return Tokens.sha256Hex("viberglass-csrf:" + sessionToken);
    }

    /** Starts a session inside the caller's transaction (sign-in, setup, a redeemed link). */
    SignedIn startSession(Handle handle, User user, ClientInfo client) {
        String token = tokens.randomHex(32);
        Instant now = clock.instant();
        Instant expires = now.plus(ttl());
        handle.attach(SessionDao.class)
                .insert(new Session(
                        UUID.randomUUID(),
                        user.id(),
                        Tokens.sha256Hex(token),
                        now,
                        now,
                        expires,
                        null,
                        client.ip(),
                        client.userAgent()));
        return new SignedIn(token, csrfToken(token), expires, UserView.of(user));
    }

    static void requireAccount(Actor actor) {
        if (actor.userId() == null) {
            throw DomainException.conflict(
                    "NO_USER_ACCOUNT", "Authentication is off: the local administrator has no account of its own");
        }
    }

    private static DomainException setupCompleted() {
        return DomainException.conflict("SETUP_COMPLETED", "Initial setup has already been completed");
    }
}
