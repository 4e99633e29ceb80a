package io.viberglass.platform.access;

import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.auth.GlobalRole;
import io.viberglass.platform.infra.errors.DomainException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * The one place that decides whether an actor may touch a project's data. A project the actor cannot see answers
 * exactly as a missing one does (404 with the thing's own not-found code), so ids leak nothing; a visible project
 * with too small a role or token scope answers 403. Global administrators see every project. Resources call it before
 * delegating; lists use {@link #scope} to show only visible projects.
 */
public class ProjectAccess {
    private final Jdbi jdbi;

    public ProjectAccess(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void require(Actor actor, UUID projectId, ProjectPermission permission) {
        check(actor, projectId, permission, () -> notFound("PROJECT", projectId));
    }

    /** As {@link #require(Actor, UUID, ProjectPermission)}, answering {@code missing} when the project is not visible. */
    public void require(Actor actor, UUID projectId, ProjectPermission permission, Supplier<DomainException> missing) {
        check(actor, projectId, permission, missing);
    }

    /** Requires {@code permission} on the ticket's project; answers with the ticket's project id. */
    public UUID requireTicket(Actor actor, UUID ticketId, ProjectPermission permission) {
        return owned(actor, ticketId, permission, OwnershipDao::ticket, () -> notFound("TICKET", ticketId));
    }

    public UUID requireMedia(Actor actor, UUID mediaId, ProjectPermission permission) {
        return owned(actor, mediaId, permission, OwnershipDao::media, () -> notFound("MEDIA", mediaId));
    }

    public UUID requireJob(Actor actor, UUID jobId, ProjectPermission permission) {
        return owned(actor, jobId, permission, OwnershipDao::job, () -> notFound("JOB", jobId));
    }

    public UUID requireClawTemplate(Actor actor, UUID templateId, ProjectPermission permission) {
        return owned(actor, templateId, permission, OwnershipDao::clawTemplate, () -> notFound("TEMPLATE", templateId));
    }

    public UUID requireClawSchedule(Actor actor, UUID scheduleId, ProjectPermission permission) {
        return owned(actor, scheduleId, permission, OwnershipDao::clawSchedule, () -> notFound("SCHEDULE", scheduleId));
    }

    public UUID requireClawExecution(Actor actor, UUID executionId, ProjectPermission permission) {
        return owned(
                actor, executionId, permission, OwnershipDao::clawExecution, () -> notFound("EXECUTION", executionId));
    }

    /**
     * A project secret needs {@code permission} on its project; a global secret is readable by every signed-in user
     * and changed only by global administrators.
     */
    public void requireSecret(Actor actor, UUID secretId, ProjectPermission permission) {
        Supplier<DomainException> missing = () -> notFound("SECRET", secretId);
        String project = jdbi.withExtension(OwnershipDao.class, dao -> dao.secret(secretId))
                .orElseThrow(missing);
        if (project.isEmpty()) {
            requireGlobal(actor, permission);
        } else {
            check(actor, UUID.fromString(project), permission, missing);
        }
    }

    /** Project-less data (global secrets, system prompts, runners): reading is for all, changing for global admins. */
    public void requireGlobal(Actor actor, ProjectPermission permission) {
        requireScope(actor, permission);
        if (permission != ProjectPermission.VIEW && !actor.isGlobalAdmin()) {
            throw DomainException.forbidden("ADMIN_REQUIRED", "Only administrators may change this");
        }
    }

    /** The projects {@code actor} may list. */
    public ProjectScope scope(Actor actor) {
        return seesEverything(actor) ? ProjectScope.everything() : ProjectScope.memberOf(actor.userId());
    }

    /** The actor's role in a project; global administrators are project administrators everywhere. */
    public Optional<ProjectRole> role(Actor actor, UUID projectId) {
        if (seesEverything(actor)) {
            return Optional.of(ProjectRole.ADMIN);
        }
        return jdbi.withExtension(OwnershipDao.class, dao -> dao.role(projectId, actor.userId()));
    }

    private UUID owned(
            Actor actor,
            UUID id,
            ProjectPermission permission,
            BiFunction<OwnershipDao, UUID, Optional<UUID>> lookup,
            Supplier<DomainException> missing) {
        UUID projectId = jdbi.withExtension(OwnershipDao.class, dao -> lookup.apply(dao, id))
                .orElseThrow(missing);
        check(actor, projectId, permission, missing);
        return projectId;
    }

    private void check(Actor actor, UUID projectId, ProjectPermission permission, Supplier<DomainException> missing) {
        ProjectRole role = role(actor, projectId).orElseThrow(missing);
        if (!role.atLeast(permission.role())) {
            throw DomainException.forbidden(
                    "PROJECT_ROLE_REQUIRED",
                    "This needs the " + permission.role().wire() + " role in the project; you are " + role.wire());
        }
        requireScope(actor, permission);
    }

    private static void requireScope(Actor actor, ProjectPermission permission) {
        if (!actor.scope().allows(permission.scope())) {
            throw DomainException.forbidden(
                    "TOKEN_SCOPE_INSUFFICIENT",
                    "This token's scope is " + actor.scope().wire() + "; this needs "
                            + permission.scope().wire());
        }
    }

    private static boolean seesEverything(Actor actor) {
        return actor.role() == GlobalRole.ADMIN;
    }

    private static DomainException notFound(String what, UUID id) {
        return DomainException.notFound(
                what + "_NOT_FOUND", what.charAt(0) + what.substring(1).toLowerCase() + " " + id + " not found");
    }
}
