package io.viberglass.platform.auth;

import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.infra.api.Page;
import io.viberglass.platform.infra.db.Constraints;
import io.viberglass.platform.infra.errors.DomainException;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * User administration. Demoting or deactivating an administrator takes the same advisory lock and counts the active
 * administrators inside it, so two racing changes cannot leave the platform without one.
 */
public class UserService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final PasswordHasher hasher;
    private final AuditLog audit;

    public UserService(Jdbi jdbi, Clock clock, PasswordHasher hasher, AuditLog audit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.hasher = hasher;
        this.audit = audit;
    }

    public record CreateUser(
            @NotNull @Size(max = 320) String email,
            @NotNull @Size(min = 1, max = 255) String name,
            @NotNull @Size(max = 1024) String password,
            GlobalRole role) {
        @Override
        public String toString() {
            return "CreateUser[email=" + email + ", role=" + role + "]";
        }
    }

    public Page<UserView> list(int limit, int offset) {
        return jdbi.withExtension(UserDao.class, dao -> Page.of(dao.list(limit, offset), limit, offset, dao.count())
                .map(UserView::of));
    }

    public UserView get(UUID id) {
        return UserView.of(
                jdbi.withExtension(UserDao.class, dao -> dao.find(id)).orElseThrow(() -> notFound(id)));
    }

    public UserView create(Actor actor, CreateUser request) {
        String email = Emails.require(request.email());
        PasswordPolicy.check(request.password(), email);
        String hash = hasher.hash(request.password());
        GlobalRole role = request.role() == null ? GlobalRole.MEMBER : request.role();
        Instant now = clock.instant();
        User user = new User(UUID.randomUUID(), email, request.name().trim(), hash, role, true, false, now, now);
        jdbi.useTransaction(handle -> insert(handle, actor, user));
        return UserView.of(user);
    }

    /**
     * Adds {@code user} and records who did, in the caller's transaction (an invitation adds its link in the same
     * one); a taken email is a 409.
     */
    void insert(Handle handle, Actor actor, User user) {
        try {
            handle.attach(UserDao.class).insert(user);
        } catch (UnableToExecuteStatementException e) {
            if (Constraints.uniqueViolation(e).isPresent()) {
                throw DomainException.conflict("EMAIL_IN_USE", "Email already in use");
            }
            throw e;
        }
        AuditEntry entry = AuditEntry.by(actor, "user.created")
                .target("user", user.id())
                .detail("email", user.email())
                .detail("role", user.role().wire());
        audit.record(handle, user.passwordHash() == null ? entry.detail("invited", true) : entry);
    }

    public UserView setRole(Actor actor, UUID id, GlobalRole role) {
        return change(id, (handle, user, now) -> {
            if (user.role() == role) {
                return;
            }
            if (user.role() == GlobalRole.ADMIN && user.active()) {
                requireAnotherAdmin(handle);
            }
            handle.attach(UserDao.class).setRole(id, role, now);
            audit.record(
                    handle,
                    AuditEntry.by(actor, "user.role_changed")
                            .target("user", id)
                            .detail("from", user.role().wire())
                            .detail("to", role.wire()));
        });
    }

    /** Deactivated users cannot sign in; their sessions and open links end now and their API tokens stop working. */
    public UserView setActive(Actor actor, UUID id, boolean active) {
        return change(id, (handle, user, now) -> {
            if (user.active() == active) {
                return;
            }
            if (!active && user.role() == GlobalRole.ADMIN) {
                requireAnotherAdmin(handle);
            }
            handle.attach(UserDao.class).setActive(id, active, now);
            if (!active) {
                handle.attach(SessionDao.class).revokeAll(id, now);
                // an open invite or reset link must not outlive the deactivation and work again on reactivation
                handle.attach(AccountLinkDao.class).revokeOpen(id, now);
            }
            audit.record(
                    handle,
                    AuditEntry.by(actor, active ? "user.reactivated" : "user.deactivated")
                            .target("user", id));
        });
    }

    private interface Change {
        void apply(Handle handle, User user, Instant now);
    }

    private UserView change(UUID id, Change change) {
        return jdbi.inTransaction(handle -> {
            UserDao users = handle.attach(UserDao.class);
            users.lock(UserDao.ADMINS_LOCK);
            User user = users.findForUpdate(id).orElseThrow(() -> notFound(id));
            change.apply(handle, user, clock.instant());
            return UserView.of(users.find(id).orElseThrow());
        });
    }

    private static void requireAnotherAdmin(Handle handle) {
        if (handle.attach(UserDao.class).countActiveAdmins() <= 1) {
            throw DomainException.conflict("LAST_ADMIN", "At least one active administrator is required");
        }
    }

    private static DomainException notFound(UUID id) {
        return DomainException.notFound("USER_NOT_FOUND", "User " + id + " not found");
    }
}
