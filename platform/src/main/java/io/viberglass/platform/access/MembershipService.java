package io.viberglass.platform.access;

import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.auth.Emails;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.projects.Project;
import io.viberglass.platform.projects.ProjectListener;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Who belongs to a project and with which role; every change is audited. A project's creator becomes its admin. */
public class MembershipService implements ProjectListener {
    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditLog audit;

    public MembershipService(Jdbi jdbi, Clock clock, AuditLog audit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.audit = audit;
    }

    public List<Member> list(UUID projectId) {
        return jdbi.withExtension(MembershipDao.class, dao -> dao.list(projectId));
    }

    public Member addByEmail(Actor actor, UUID projectId, String email, ProjectRole role) {
        UUID userId = jdbi.withExtension(MembershipDao.class, dao -> dao.userByEmail(Emails.normalize(email)))
                .orElseThrow(() -> DomainException.invalid("USER_NOT_FOUND", "email", "No user has this email"));
        return put(actor, projectId, userId, role);
    }

    public Member put(Actor actor, UUID projectId, UUID userId, ProjectRole role) {
        return jdbi.inTransaction(handle -> {
            MembershipDao dao = handle.attach(MembershipDao.class);
            dao.user(userId)
                    .orElseThrow(() -> DomainException.notFound("USER_NOT_FOUND", "User " + userId + " not found"));
            Optional<ProjectRole> before = dao.upsert(projectId, userId, role, clock.instant());
            if (before.isEmpty() || before.get() != role) {
                audit.record(
                        handle,
                        AuditEntry.by(actor, "membership.changed")
                                .project(projectId)
                                .target("user", userId)
                                .detail("from", before.map(ProjectRole::wire).orElse(null))
                                .detail("to", role.wire()));
            }
            return dao.find(projectId, userId).orElseThrow();
        });
    }

    public void remove(Actor actor, UUID projectId, UUID userId) {
        jdbi.useTransaction(handle -> {
            if (handle.attach(MembershipDao.class).remove(projectId, userId) == 0) {
                throw DomainException.notFound("MEMBER_NOT_FOUND", "User " + userId + " is not a member");
            }
            audit.record(
                    handle,
                    AuditEntry.by(actor, "membership.removed")
                            .project(projectId)
                            .target("user", userId));
        });
    }

    @Override
    public void onCreated(Handle handle, Project project, UUID creatorId) {
        if (creatorId != null) {
            Instant now = clock.instant();
            handle.attach(MembershipDao.class).upsert(project.id(), creatorId, ProjectRole.ADMIN, now);
        }
    }
}
