package io.viberglass.platform.tickets;

import io.viberglass.platform.access.ProjectScope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Ticket.class)
public interface TicketDao {
    String COLUMNS = "id, project_id, title, description, severity, category, metadata, annotations, ticket_system, "
            + "external_ticket_id, external_ticket_url, auto_fix_requested, auto_fix_status, ticket_status, "
            + "status_set_manually, workflow_phase, workflow_override_reason, workflow_overridden_at, "
            + "workflow_overridden_by, pull_request_url, archived_at, created_at, updated_at";

    /** The list filters as one static statement: a null or empty filter matches everything. */
    String FILTER = " where (cast(:projectId as uuid) is null or project_id = :projectId)"
            + " and (cardinality(cast(:statuses as text[])) = 0 or ticket_status = any(:statuses))"
            + " and (cardinality(cast(:phases as text[])) = 0 or workflow_phase = any(:phases))"
            + " and (cardinality(cast(:severities as text[])) = 0 or severity = any(:severities))"
            + " and (cast(:category as text) is null or category = :category)"
            + " and (:archived = 'include' or (:archived = 'exclude' and archived_at is null)"
            + "      or (:archived = 'only' and archived_at is not null))"
            + " and (cast(:pattern as text) is null or title ilike :pattern or description ilike :pattern)"
            + " and " + ProjectScope.FILTER;

    @SqlUpdate("insert into tickets (" + COLUMNS + ") values (:id, :projectId, :title, :description, :severity, "
            + ":category, cast(:metadataJson as jsonb), cast(:annotationsJson as jsonb), :ticketSystem, "
            + ":externalTicketId, :externalTicketUrl, :autoFixRequested, :autoFixStatus, :ticketStatus, "
            + ":statusSetManually, :workflowPhase, :workflowOverrideReason, :workflowOverriddenAt, "
            + ":workflowOverriddenBy, :pullRequestUrl, :archivedAt, :createdAt, :updatedAt)")
    void insert(@BindMethods Ticket ticket, String metadataJson, String annotationsJson);

    @SqlUpdate("update tickets set title = :title, description = :description, severity = :severity, "
            + "category = :category, ticket_status = :ticketStatus, status_set_manually = :statusSetManually, "
            + "external_ticket_id = :externalTicketId, external_ticket_url = :externalTicketUrl, "
            + "auto_fix_status = :autoFixStatus, pull_request_url = :pullRequestUrl, updated_at = :updatedAt "
            + "where id = :id")
    int update(@BindMethods Ticket ticket);

    @SqlQuery("select " + COLUMNS + " from tickets where id = :id")
    Optional<Ticket> find(UUID id);

    @SqlQuery("select " + COLUMNS + " from tickets where id = :id for update")
    Optional<Ticket> findForUpdate(UUID id);

    @SqlQuery("select " + COLUMNS + " from tickets" + FILTER
            + " order by created_at desc, id limit :limit offset :offset")
    List<Ticket> list(
            UUID viewer,
            UUID projectId,
            List<String> statuses,
            List<String> phases,
            List<String> severities,
            String category,
            String archived,
            String pattern,
            int limit,
            int offset);

    @SqlQuery("select count(*) from tickets" + FILTER)
    long count(
            UUID viewer,
            UUID projectId,
            List<String> statuses,
            List<String> phases,
            List<String> severities,
            String category,
            String archived,
            String pattern);

    @SqlUpdate("delete from tickets where id = :id")
    int delete(UUID id);

    @SqlUpdate("update tickets set archived_at = :at, updated_at = :at where id in (<ids>) and archived_at is null")
    int archive(@BindList("ids") List<UUID> ids, Instant at);

    @SqlUpdate(
            "update tickets set archived_at = null, updated_at = :at where id in (<ids>) and archived_at is not null")
    int unarchive(@BindList("ids") List<UUID> ids, Instant at);

    /** Ticket counts grouped by one column; {@code column} comes from {@link StatsColumn}, never from a request. */
    @SqlQuery("select <column> as key, count(*) as count from tickets "
            + "where (cast(:projectId as uuid) is null or project_id = :projectId) and archived_at is null and"
            + ProjectScope.FILTER + "group by <column>")
    @RegisterConstructorMapper(Count.class)
    List<Count> countBy(@Define("column") String column, UUID projectId, UUID viewer);

    /** The columns statistics group by. */
    enum StatsColumn {
        ticket_status,
        workflow_phase,
        severity
    }

    @SqlQuery("select category as key, count(*) as count from tickets "
            + "where (cast(:projectId as uuid) is null or project_id = :projectId) and archived_at is null and"
            + ProjectScope.FILTER + "group by category order by count(*) desc, category limit 50")
    @RegisterConstructorMapper(Count.class)
    List<Count> countByCategory(UUID projectId, UUID viewer);

    @SqlQuery("select coalesce(auto_fix_status, case when auto_fix_requested then 'requested' else 'none' end) as key, "
            + "count(*) as count from tickets "
            + "where (cast(:projectId as uuid) is null or project_id = :projectId) and archived_at is null "
            + "and (auto_fix_requested or auto_fix_status is not null) and" + ProjectScope.FILTER + "group by 1")
    @RegisterConstructorMapper(Count.class)
    List<Count> countByAutoFix(UUID projectId, UUID viewer);

    // --- written by runs and the phase workflow ---

    @SqlUpdate("update tickets set auto_fix_status = :status, updated_at = :now where id = :id")
    int setAutoFixStatus(UUID id, AutoFixStatus status, Instant now);

    @SqlUpdate("update tickets set pull_request_url = :pullRequestUrl, updated_at = :now where id = :id")
    int setPullRequestUrl(UUID id, String pullRequestUrl, Instant now);

    /** A derived status; a later manual set overrides it until the next derivation. */
    @SqlUpdate("update tickets set ticket_status = :status, status_set_manually = false, updated_at = :now "
            + "where id = :id and ticket_status <> :status")
    int setDerivedStatus(UUID id, LifecycleStatus status, Instant now);

    @SqlUpdate("update tickets set workflow_phase = :phase, updated_at = :now where id = :id")
    int setPhase(UUID id, WorkflowPhase phase, Instant now);

    @SqlUpdate("update tickets set workflow_phase = 'execution', workflow_override_reason = :reason, "
            + "workflow_overridden_at = :now, workflow_overridden_by = :actor, updated_at = :now where id = :id")
    int overrideToExecution(UUID id, String reason, String actor, Instant now);

    /** A group and its size, for statistics. */
    record Count(String key, long count) {}

    static Map<String, Long> asMap(List<Count> counts) {
        java.util.Map<String, Long> map = new java.util.LinkedHashMap<>();
        counts.forEach(count -> map.put(count.key(), count.count()));
        return map;
    }
}
