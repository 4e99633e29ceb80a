package io.viberglass.platform.integrations;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Integrations and their links to projects. */
@RegisterConstructorMapper(Integration.class)
public interface IntegrationDao {
    String COLUMNS = "id, name, system, config, token_secret_id, token_secret_owned, active, created_at, updated_at";

    @SqlUpdate("insert into integrations (" + COLUMNS + ") values (:id, :name, :system, cast(:configJson as jsonb), "
            + ":tokenSecretId, :tokenSecretOwned, :active, :createdAt, :updatedAt)")
    void insert(@BindMethods Integration integration, String configJson);

    @SqlUpdate("update integrations set name = :name, config = cast(:configJson as jsonb), "
            + "token_secret_id = :tokenSecretId, token_secret_owned = :tokenSecretOwned, active = :active, "
            + "updated_at = :updatedAt where id = :id")
    void update(@BindMethods Integration integration, String configJson);

    @SqlQuery("select " + COLUMNS + " from integrations where id = :id")
    Optional<Integration> find(UUID id);

    @SqlQuery("select " + COLUMNS + " from integrations where id = :id for update")
    Optional<Integration> findForUpdate(UUID id);

    @SqlQuery("select " + COLUMNS + " from integrations where (cast(:system as text) is null or system = :system) "
            + "order by created_at desc, id limit :limit offset :offset")
    List<Integration> list(IntegrationSystem system, int limit, int offset);

    @SqlQuery("select count(*) from integrations where (cast(:system as text) is null or system = :system)")
    long count(IntegrationSystem system);

    @SqlUpdate("delete from integrations where id = :id")
    int delete(UUID id);

    /** Secrets the integration's webhooks and targets own, to delete with it. */
    @SqlQuery("select secret_id from webhook_inbound_configs where integration_id = :id and secret_owned "
            + "union all select token_secret_id from feedback_targets where integration_id = :id "
            + "and token_secret_owned and token_secret_id is not null "
            + "union all select signing_secret_id from feedback_targets where integration_id = :id "
            + "and signing_secret_owned and signing_secret_id is not null "
            + "union all select secret_id from integration_credentials where integration_id = :id and secret_owned")
    List<UUID> ownedSecretsOfChildren(UUID id);

    /** A project's link to an integration. */
    record Link(UUID projectId, UUID integrationId, boolean isPrimary, Instant createdAt) {}

    @SqlQuery("select project_id, integration_id, is_primary, created_at from project_integrations "
            + "where project_id = :projectId order by created_at, integration_id")
    @RegisterConstructorMapper(Link.class)
    List<Link> links(UUID projectId);

    @SqlQuery("select exists (select 1 from project_integrations where project_id = :projectId "
            + "and integration_id = :integrationId)")
    boolean linked(UUID projectId, UUID integrationId);

    @SqlUpdate("insert into project_integrations (project_id, integration_id, is_primary, created_at) "
            + "values (:projectId, :integrationId, false, :now) on conflict do nothing")
    int link(UUID projectId, UUID integrationId, Instant now);

    @SqlUpdate("delete from project_integrations where project_id = :projectId and integration_id = :integrationId")
    int unlink(UUID projectId, UUID integrationId);

    @SqlUpdate("update project_integrations pi set is_primary = (pi.integration_id = :integrationId) "
            + "from integrations i where i.id = pi.integration_id and pi.project_id = :projectId "
            + "and i.system in (<systems>)")
    void markPrimary(
            UUID projectId,
            UUID integrationId,
            @org.jdbi.v3.sqlobject.customizer.BindList("systems") List<String> systemsOfCategory);

    @SqlUpdate(
            "update projects set primary_scm_integration_id = :integrationId, updated_at = :now where id = :projectId")
    void setPrimaryScm(UUID projectId, UUID integrationId, Instant now);

    @SqlUpdate("update projects set primary_ticketing_integration_id = :integrationId, updated_at = :now "
            + "where id = :projectId")
    void setPrimaryTicketing(UUID projectId, UUID integrationId, Instant now);

    @SqlUpdate("update projects set primary_scm_integration_id = case when primary_scm_integration_id = :integrationId "
            + "then null else primary_scm_integration_id end, primary_ticketing_integration_id = case when "
            + "primary_ticketing_integration_id = :integrationId then null else primary_ticketing_integration_id end "
            + "where id = :projectId")
    void clearPrimary(UUID projectId, UUID integrationId);

    @SqlQuery("select project_id from project_integrations where integration_id = :integrationId "
            + "order by created_at, project_id")
    List<UUID> linkedProjects(UUID integrationId);
}
