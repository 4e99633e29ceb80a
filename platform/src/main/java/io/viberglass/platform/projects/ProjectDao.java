package io.viberglass.platform.projects;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Project.class)
public interface ProjectDao {
    String COLUMNS = "id, name, slug, description, agent_instructions, auto_fix_enabled, auto_fix_tags, webhook_url, "
            + "primary_ticketing_integration_id, primary_scm_integration_id, archived_at, created_at, updated_at";

    @SqlUpdate("insert into projects (" + COLUMNS + ") values (:id, :name, :slug, :description, :agentInstructions, "
            + ":autoFixEnabled, :autoFixTags, :webhookUrl, :primaryTicketingIntegrationId, :primaryScmIntegrationId, "
            + ":archivedAt, :createdAt, :updatedAt)")
    void insert(@BindMethods Project project);

    @SqlUpdate("update projects set name = :name, slug = :slug, description = :description, "
            + "agent_instructions = :agentInstructions, auto_fix_enabled = :autoFixEnabled, "
            + "auto_fix_tags = :autoFixTags, webhook_url = :webhookUrl, updated_at = :updatedAt where id = :id")
    int update(@BindMethods Project project);

    @SqlQuery("select " + COLUMNS + " from projects where id = :id")
    Optional<Project> find(UUID id);

    @SqlQuery("select " + COLUMNS + " from projects where id = :id for update")
    Optional<Project> findForUpdate(UUID id);

    @SqlQuery("select " + COLUMNS + " from projects where slug = :slug")
    Optional<Project> findBySlug(String slug);

    @SqlQuery("select slug from projects where slug = :base or slug like :base || '-%'")
    List<String> slugsLike(String base);

    /**
     * Holds, until the transaction ends, the right to pick a slug from {@code base}: concurrent creates of similar
     * names then take turns instead of racing for the same free slug (the unique constraint stays the backstop).
     */
    @SqlQuery("select count(*) from (select pg_advisory_xact_lock(hashtext('project-slug:' || :base))) l")
    int lockSlugBase(String base);

    /** Projects matching the archive filter that {@code viewer} is a member of (all of them for a null viewer). */
    String LIST_FILTER = " where (:archived = 'include' "
            + "or (:archived = 'exclude' and archived_at is null) or (:archived = 'only' and archived_at is not null)) "
            + "and (cast(:viewer as uuid) is null "
            + "or id in (select m.project_id from project_members m where m.user_id = :viewer))";

    @SqlQuery("select " + COLUMNS + " from projects" + LIST_FILTER
            + " order by created_at desc, id limit :limit offset :offset")
    List<Project> list(UUID viewer, String archived, int limit, int offset);

    @SqlQuery("select count(*) from projects" + LIST_FILTER)
    long count(UUID viewer, String archived);

    @SqlUpdate("update projects set archived_at = :at, updated_at = :at where id = :id and archived_at is null")
    int archive(UUID id, Instant at);

    @SqlUpdate("update projects set archived_at = null, updated_at = :at where id = :id and archived_at is not null")
    int unarchive(UUID id, Instant at);

    @SqlUpdate("delete from projects where id = :id")
    int delete(UUID id);

    @SqlQuery("select count(*) from tickets where project_id = :id")
    long countTickets(UUID id);

    @SqlQuery("select count(*) from ticket_media m join tickets t on t.id = m.ticket_id where t.project_id = :id")
    long countMedia(UUID id);
}
