package io.viberglass.platform.auth;

import io.viberglass.common.security.Tokens;
import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.ratelimit.RateLimit;
import io.viberglass.platform.infra.ratelimit.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One-time invite and password reset links. The token is 32 random bytes shown once, in the link handed to the
 * administrator who issued it; the database keeps its SHA-256. A user has at most one usable link: issuing another
 * revokes the earlier one. Redeeming sets the password, ends the user's sessions (API tokens stay: they are keys for
 * automation the person made on purpose) and signs them in.
 */
public class AccountLinkService {
    private static final String INVALID_MESSAGE = "This link is invalid, has been used or has expired";

    private final Jdbi jdbi;
    private final Clock clock;
    private final Tokens tokens;
    private final PasswordHasher hasher;
    private final AuthService sessions;
    private final RateLimiter limiter;
    private final RateLimit perIp;
    private final Duration ttl;
    private final String publicUrl;
    private final AuditLog audit;
    private final UserService users;

    public AccountLinkService(
            Jdbi jdbi,
            Clock clock,
            Tokens tokens,
            PasswordHasher hasher,
            AuthService sessions,
            RateLimiter limiter,
            RateLimit perIp,
            Duration ttl,
            String publicUrl,
            AuditLog audit,
            UserService users) {
        this.users = users;
        this.jdbi = jdbi;
        this.clock = clock;
        this.tokens = tokens;
        this.hasher = hasher;
        this.sessions = sessions;
        this.limiter = limiter;
        this.perIp = perIp;
        this.ttl = ttl;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.audit = audit;
    }

    /** Creates a user without a password and issues their invite link, in one transaction. */
    public AccountLinks.Invitation invite(Actor actor, AccountLinks.InviteUser request) {
        String email = Emails.require(request.email());
        GlobalRole role = request.role() == null ? GlobalRole.MEMBER : request.role();
        Instant now = clock.instant();
        User user = new User(UUID.randomUUID(), email, request.name().trim(), null, role, true, false, now, now);
        return jdbi.inTransaction(handle -> {
            users.insert(handle, actor, user);
            return new AccountLinks.Invitation(UserView.of(user), issue(handle, actor, user, now));
        });
    }

    /**
     * Issues a fresh link for an existing user, replacing any unused one: a reset link, or an invite again while the
     * user has never set a password.
     */
    public AccountLinks.IssuedLink issueFor(Actor actor, UUID userId) {
        return jdbi.inTransaction(handle -> {
            User user = handle.attach(UserDao.class)
                    .findForUpdate(userId)
                    .orElseThrow(() -> DomainException.notFound("USER_NOT_FOUND", "User " + userId + " not found"));
            if (!user.active()) {
                throw DomainException.conflict(
                        "USER_INACTIVE", "The user is deactivated; reactivate them before issuing a link");
            }
            return issue(handle, actor, user, clock.instant());
        });
    }

    /** Who a link is for, without using it; every unusable link gets the same 404. */
    public AccountLinks.LinkDetails inspect(String token, ClientInfo client) {
        limiter.check("links:ip:" + client.ip(), perIp);
        return jdbi.withHandle(handle -> {
            Usable usable = usable(handle, handle.attach(AccountLinkDao.class).findByHash(hash(token)), client);
            return new AccountLinks.LinkDetails(
                    usable.link().kind(),
                    usable.user().email(),
                    usable.user().name(),
                    usable.link().expiresAt());
        });
    }

    /** Sets the password, ends the user's sessions and starts a new one. The link is spent only on success. */
    public SignedIn redeem(AccountLinks.Redeem request, ClientInfo client) {
        limiter.check("links:ip:" + client.ip(), perIp);
        String tokenHash = hash(request.token());
        Usable before = jdbi.withHandle(
                handle -> usable(handle, handle.attach(AccountLinkDao.class).findByHash(tokenHash), client));
        PasswordPolicy.check(request.password(), before.user().email(), "password");
        // hashed outside the transaction: Argon2 takes tens of milliseconds and needs no lock
        String passwordHash = hasher.hash(request.password());
        return jdbi.inTransaction(handle -> {
            Usable usable = usable(handle, handle.attach(AccountLinkDao.class).findByHashForUpdate(tokenHash), client);
            Instant now = clock.instant();
            User user = usable.user();
            handle.attach(AccountLinkDao.class).markUsed(usable.link().id(), now);
            handle.attach(UserDao.class).setPassword(user.id(), passwordHash, now);
            int revoked = handle.attach(SessionDao.class).revokeAll(user.id(), now);
            SignedIn signedIn = sessions.startSession(handle, user, client);
            audit.record(
                    handle,
                    AuditEntry.by(Actor.session(user, null), "auth.link_redeemed")
                            .target("user", user.id())
                            .from(client.ip())
                            .detail("link", usable.link().id())
                            .detail("kind", usable.link().kind().wire())
                            .detail("issuedBy", String.valueOf(usable.link().issuedBy()))
                            .detail("sessionsRevoked", revoked));
            return signedIn;
        });
    }

    private AccountLinks.IssuedLink issue(Handle handle, Actor actor, User user, Instant now) {
        AccountLinkDao links = handle.attach(AccountLinkDao.class);
        int replaced = links.revokeOpen(user.id(), now);
        String token = tokens.randomHex(32);
        AccountLink.Kind kind = user.passwordHash() == null ? AccountLink.Kind.INVITE : AccountLink.Kind.RESET;
        AccountLink link = new AccountLink(
                UUID.randomUUID(), user.id(), kind, hash(token), actor.userId(), now, now.plus(ttl), null, null);
        links.insert(link);
        audit.record(
                handle,
                AuditEntry.by(actor, "user.link_issued")
                        .target("user", user.id())
                        .detail("link", link.id())
                        .detail("kind", kind.wire())
                        .detail("expiresAt", link.expiresAt().toString())
                        .detail("replaced", replaced));
        return new AccountLinks.IssuedLink(kind, publicUrl + "/invite#token=" + token, link.expiresAt());
    }

    private record Usable(AccountLink link, User user) {}

    private Usable usable(Handle handle, Optional<AccountLink> found, ClientInfo client) {
        if (found.isEmpty()) {
            throw invalid();
        }
        AccountLink link = found.get();
        Optional<User> user = handle.attach(UserDao.class).find(link.userId());
        if (user.isPresent() && user.get().active() && link.usableAt(clock.instant())) {
            return new Usable(link, user.get());
        }
        String reason = user.isEmpty() || !user.get().active()
                ? "deactivated"
                : link.usedAt() != null ? "used" : link.revokedAt() != null ? "revoked" : "expired";
        // a real link that no longer works: worth a line in the audit log (an unknown token names no one)
        audit.record(
                handle,
                AuditEntry.anonymous(user.map(User::email).orElse("unknown"), "auth.link_refused")
                        .target("user", link.userId())
                        .from(client.ip())
                        .detail("link", link.id())
                        .detail("reason", reason));
        throw invalid();
    }

    private static String hash(String token) {
        return Tokens.sha256Hex(token.trim());
    }

    private static DomainException invalid() {
        return DomainException.notFound("LINK_INVALID", INVALID_MESSAGE);
    }
}
