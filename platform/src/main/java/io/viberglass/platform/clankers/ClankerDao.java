package io.viberglass.platform.clankers;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Clanker.class)
public interface ClankerDao {
    String COLUMNS = "id, name, slug, description, agent, agent_options, deployment_strategy, deployment_config, "
            + "concurrency_limit, status, status_message, created_at, updated_at";

    @SqlUpdate("insert into clankers (" + COLUMNS + ") values (:id, :name, :slug, :description, :agent, "
            + "cast(:agentOptionsJson as jsonb), :deploymentStrategy, cast(:deploymentConfigJson as jsonb), "
            + ":concurrencyLimit, :status, :statusMessage, :createdAt, :updatedAt)")
    void insert(@BindMethods Clanker clanker, String agentOptionsJson, String deploymentConfigJson);

    @SqlUpdate("update clankers set name = :name, slug = :slug, description = :description, agent = :agent, "
            + "agent_options = cast(:agentOptionsJson as jsonb), deployment_strategy = :deploymentStrategy, "
            + "deployment_config = cast(:deploymentConfigJson as jsonb), concurrency_limit = :concurrencyLimit, "
            + "status = :status, status_message = :statusMessage, updated_at = :updatedAt where id = :id")
    int update(@BindMethods Clanker clanker, String agentOptionsJson, String deploymentConfigJson);

    @SqlQuery("select " + COLUMNS + " from clankers where id = :id")
    Optional<Clanker> find(UUID id);

    @SqlQuery("select " + COLUMNS + " from clankers where id = :id for update")
    Optional<Clanker> findForUpdate(UUID id);

    /** The clanker's egress mode ({@code none}, {@code allowlist} or {@code open}, the default). */
    @SqlQuery("select coalesce((select mode from clanker_egress_policies where clanker_id = :id), 'open')")
    String egressMode(UUID id);

    @SqlQuery("select " + COLUMNS + " from clankers where slug = :slug")
    Optional<Clanker> findBySlug(String slug);

    @SqlQuery("select slug from clankers where slug = :base or slug like :base || '-%'")
    List<String> slugsLike(String base);

    @SqlQuery("select " + COLUMNS + " from clankers order by created_at desc, id limit :limit offset :offset")
    List<Clanker> list(int limit, int offset);

    @SqlQuery("select count(*) from clankers")
    long count();

    @SqlUpdate("delete from clankers where id = :id")
    int delete(UUID id);

    /** A secret a clanker's workers receive. */
    record SecretRef(UUID id, String name) {}

    @SqlQuery("select s.id, s.name from clanker_secrets cs join secrets s on s.id = cs.secret_id "
            + "where cs.clanker_id = :clankerId order by s.name")
    @RegisterConstructorMapper(SecretRef.class)
    List<SecretRef> secrets(UUID clankerId);

    @SqlQuery("select id from secrets where id in (<ids>)")
    List<UUID> existingSecrets(@org.jdbi.v3.sqlobject.customizer.BindList("ids") List<UUID> ids);

    @SqlUpdate("delete from clanker_secrets where clanker_id = :clankerId")
    void clearSecrets(UUID clankerId);

    @org.jdbi.v3.sqlobject.statement.SqlBatch(
            "insert into clanker_secrets (clanker_id, secret_id) " + "values (:clankerId, :secretId)")
    void addSecrets(UUID clankerId, List<UUID> secretId);

    /** Moves the status only from {@code from}: a deactivation or edit meanwhile wins over a late provisioning. */
    @SqlUpdate("update clankers set status = :to, status_message = :message, updated_at = :now "
            + "where id = :id and status = :from")
    int moveStatus(UUID id, ClankerStatus from, ClankerStatus to, String message, java.time.Instant now);

    /** The last step of a provisioning: its settings merged in, and active. */
    @SqlUpdate("update clankers set deployment_config = deployment_config || cast(:configJson as jsonb), "
            + "status = 'active', status_message = :message, updated_at = :now where id = :id and status = 'deploying'")
    int activateProvisioned(UUID id, String configJson, String message, java.time.Instant now);
}
