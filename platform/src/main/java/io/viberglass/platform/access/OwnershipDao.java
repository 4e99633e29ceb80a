package io.viberglass.platform.access;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Which project a thing belongs to, and a user's role there: the lookups every access check starts from. */
public interface OwnershipDao {
    @SqlQuery("select role from project_members where project_id = :projectId and user_id = :userId")
    Optional<ProjectRole> role(UUID projectId, UUID userId);

    @SqlQuery("select project_id from tickets where id = :id")
    Optional<UUID> ticket(UUID id);

    @SqlQuery("select t.project_id from ticket_media m join tickets t on t.id = m.ticket_id where m.id = :id")
    Optional<UUID> media(UUID id);

    @SqlQuery("select project_id from jobs where id = :id")
    Optional<UUID> job(UUID id);

    @SqlQuery("select project_id from claw_task_templates where id = :id")
    Optional<UUID> clawTemplate(UUID id);

    @SqlQuery("select project_id from claw_schedules where id = :id")
    Optional<UUID> clawSchedule(UUID id);

    @SqlQuery("select s.project_id from claw_executions e join claw_schedules s on s.id = e.schedule_id "
            + "where e.id = :id")
    Optional<UUID> clawExecution(UUID id);

    /** A secret's project id as text, or an empty string for a global secret. */
    @SqlQuery("select coalesce(cast(project_id as text), '') from secrets where id = :id")
    Optional<String> secret(UUID id);
}
