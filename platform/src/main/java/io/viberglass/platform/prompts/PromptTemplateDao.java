package io.viberglass.platform.prompts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(PromptTemplateDao.Row.class)
public interface PromptTemplateDao {
    /** An edited template: a system-wide default when {@code projectId} is null, else a project override. */
    record Row(String type, UUID projectId, String template, Instant updatedAt, String updatedBy) {}

    @SqlQuery("select type, project_id, template, updated_at, updated_by from prompt_templates "
            + "where project_id is null or project_id = :projectId")
    List<Row> forProject(UUID projectId);

    @SqlQuery(
            "select type, project_id, template, updated_at, updated_by from prompt_templates where project_id is null")
    List<Row> system();

    @SqlUpdate("insert into prompt_templates (id, type, project_id, template, updated_at, updated_by) "
            + "values (:id, :type, :projectId, :template, :now, :actor) on conflict (type, project_id) do update set "
            + "template = excluded.template, updated_at = excluded.updated_at, updated_by = excluded.updated_by")
    void upsert(UUID id, String type, UUID projectId, String template, Instant now, String actor);

    @SqlUpdate("delete from prompt_templates where type = :type and project_id is not distinct from :projectId")
    int delete(String type, UUID projectId);
}
