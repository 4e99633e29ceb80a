package io.viberglass.platform.secrets;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Secret.class)
public interface SecretDao {
    String COLUMNS = "id, project_id, name, storage, env_name, ssm_parameter, ciphertext, nonce, key_id, created_at, "
            + "updated_at, updated_by";

    @SqlUpdate("insert into secrets (" + COLUMNS + ") values (:id, :projectId, :name, :storage, :envName, "
            + ":ssmParameter, :ciphertext, :nonce, :keyId, :createdAt, :updatedAt, :updatedBy)")
    void insert(@BindMethods Secret secret);

    @SqlUpdate("update secrets set storage = :storage, env_name = :envName, ssm_parameter = :ssmParameter, "
            + "ciphertext = :ciphertext, nonce = :nonce, key_id = :keyId, updated_at = :updatedAt, "
            + "updated_by = :updatedBy where id = :id")
    void update(@BindMethods Secret secret);

    @SqlQuery("select " + COLUMNS + " from secrets where id = :id")
    Optional<Secret> find(UUID id);

    @SqlQuery("select " + COLUMNS + " from secrets where id = :id for update")
    Optional<Secret> findForUpdate(UUID id);

    @SqlQuery("select " + COLUMNS + " from secrets where project_id is null and name = :name")
    Optional<Secret> findGlobal(String name);

    @SqlQuery("select " + COLUMNS + " from secrets where id in (<ids>)")
    List<Secret> findAll(@BindList("ids") List<UUID> ids);

    @SqlQuery("select " + COLUMNS + " from secrets where (cast(:projectId as uuid) is null and project_id is null) "
            + "or project_id = :projectId or (:includeGlobal and project_id is null) "
            + "order by name, project_id nulls first limit :limit offset :offset")
    List<Secret> list(UUID projectId, boolean includeGlobal, int limit, int offset);

    @SqlQuery("select count(*) from secrets where (cast(:projectId as uuid) is null and project_id is null) "
            + "or project_id = :projectId or (:includeGlobal and project_id is null)")
    long count(UUID projectId, boolean includeGlobal);

    @SqlQuery("select " + COLUMNS + " from secrets where storage = 'database' and key_id <> :activeKeyId for update")
    List<Secret> encryptedWithOtherKeys(String activeKeyId);

    @SqlUpdate("delete from secrets where id = :id")
    int delete(UUID id);

    /** Names of the clankers that use a secret, for the list and for the in-use refusal. */
    @SqlQuery("select c.name from clanker_secrets cs join clankers c on c.id = cs.clanker_id "
            + "where cs.secret_id = :secretId order by c.name")
    List<String> usedByClankers(UUID secretId);

    @SqlQuery("select p.name from project_scm_configs s join projects p on p.id = s.project_id "
            + "where s.credential_id = :secretId order by p.name")
    List<String> usedByRepositories(UUID secretId);

    /** Integrations, inbound webhooks and feedback targets that keep their token or signing secret here. */
    @SqlQuery("select 'integration ' || name from integrations where token_secret_id = :secretId "
            + "union all select 'inbound webhook of integration ' || i.name from webhook_inbound_configs w "
            + "join integrations i on i.id = w.integration_id where w.secret_id = :secretId "
            + "union all select 'feedback target ' || name from feedback_targets "
            + "where token_secret_id = :secretId or signing_secret_id = :secretId "
            + "union all select 'credential ' || c.name || ' of integration ' || i.name from integration_credentials c "
            + "join integrations i on i.id = c.integration_id where c.secret_id = :secretId")
    List<String> usedByIntegrations(UUID secretId);

    @SqlUpdate("update secrets set project_id = :projectId where id = :id")
    void moveToProject(UUID id, UUID projectId);
}
