package io.viberglass.platform.integrations;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The credentials of integrations. */
@RegisterConstructorMapper(IntegrationCredential.class)
public interface CredentialDao {
    String COLUMNS = "id, integration_id, name, credential_type, secret_id, secret_owned, is_default, description, "
            + "expires_at, last_used_at, created_at, updated_at";

    @SqlUpdate("insert into integration_credentials (" + COLUMNS + ") values (:id, :integrationId, :name, "
            + ":credentialType, :secretId, :secretOwned, :isDefault, :description, :expiresAt, :lastUsedAt, "
            + ":createdAt, :updatedAt)")
    void insert(@BindMethods IntegrationCredential credential);

    @SqlUpdate("update integration_credentials set name = :name, credential_type = :credentialType, "
            + "secret_id = :secretId, secret_owned = :secretOwned, is_default = :isDefault, "
            + "description = :description, expires_at = :expiresAt, updated_at = :updatedAt where id = :id")
    void update(@BindMethods IntegrationCredential credential);

    @SqlQuery("select " + COLUMNS + " from integration_credentials where id = :id and integration_id = :integrationId")
    Optional<IntegrationCredential> find(UUID integrationId, UUID id);

    @SqlQuery("select " + COLUMNS + " from integration_credentials where id = :id")
    Optional<IntegrationCredential> find(UUID id);

    @SqlQuery("select " + COLUMNS + " from integration_credentials where id = :id and integration_id = :integrationId "
            + "for update")
    Optional<IntegrationCredential> findForUpdate(UUID integrationId, UUID id);

    /** Default first, then by name. */
    @SqlQuery("select " + COLUMNS + " from integration_credentials where integration_id = :integrationId "
            + "order by is_default desc, name")
    List<IntegrationCredential> list(UUID integrationId);

    @SqlQuery(
            "select " + COLUMNS + " from integration_credentials where integration_id = :integrationId and is_default")
    Optional<IntegrationCredential> findDefault(UUID integrationId);

    @SqlUpdate("update integration_credentials set is_default = false, updated_at = :now "
            + "where integration_id = :integrationId and is_default and id <> :keep")
    void clearDefault(UUID integrationId, UUID keep, Instant now);

    @SqlUpdate("update integration_credentials set last_used_at = :now where id = :id")
    void markUsed(UUID id, Instant now);

    @SqlUpdate("delete from integration_credentials where id = :id")
    int delete(UUID id);

    /** What refers to a credential: the repositories (by project) that push with it. */
    @SqlQuery("select 'repository of project ' || p.name from project_scm_configs s join projects p "
            + "on p.id = s.project_id where s.integration_credential_id = :id order by p.name")
    List<String> usedBy(UUID id);

    /** What refers to any credential of an integration, naming the credential. */
    @SqlQuery("select 'repository of project ' || p.name || ' (credential ' || c.name || ')' "
            + "from project_scm_configs s join projects p on p.id = s.project_id "
            + "join integration_credentials c on c.id = s.integration_credential_id "
            + "where c.integration_id = :integrationId order by p.name")
    List<String> usedByAnyOf(UUID integrationId);
}
