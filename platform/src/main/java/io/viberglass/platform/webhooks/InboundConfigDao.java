package io.viberglass.platform.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(InboundConfig.class)
public interface InboundConfigDao {
    String COLUMNS = "id, integration_id, provider, project_id, provider_project_id, secret_id, secret_owned, "
            + "allowed_events, auto_execute, auto_execute_mode, required_labels, bot_username, clanker_id, "
            + "follow_up_limit, options, active, rejected_count, last_rejected_at as rejected_at, created_at, updated_at";

    @SqlUpdate("insert into webhook_inbound_configs (id, integration_id, provider, project_id, provider_project_id, "
            + "secret_id, secret_owned, allowed_events, auto_execute, auto_execute_mode, required_labels, bot_username, "
            + "clanker_id, follow_up_limit, options, active, created_at, updated_at) values (:id, :integrationId, "
            + ":provider, :projectId, :providerProjectId, :secretId, :secretOwned, :allowedEvents, :autoExecute, "
            + ":autoExecuteMode, :requiredLabels, :botUsername, :clankerId, :followUpLimit, "
            + "cast(:optionsJson as jsonb), :active, :createdAt, :updatedAt)")
    void insert(@BindMethods InboundConfig config, String optionsJson);

    @SqlUpdate("update webhook_inbound_configs set project_id = :projectId, provider_project_id = :providerProjectId, "
            + "secret_id = :secretId, secret_owned = :secretOwned, allowed_events = :allowedEvents, "
            + "auto_execute = :autoExecute, auto_execute_mode = :autoExecuteMode, required_labels = :requiredLabels, "
            + "bot_username = :botUsername, clanker_id = :clankerId, follow_up_limit = :followUpLimit, "
            + "options = cast(:optionsJson as jsonb), active = :active, updated_at = :updatedAt where id = :id")
    void update(@BindMethods InboundConfig config, String optionsJson);

    @SqlQuery("select " + COLUMNS + " from webhook_inbound_configs where id = :id")
    Optional<InboundConfig> find(UUID id);

    @SqlQuery("select " + COLUMNS + " from webhook_inbound_configs where id = :id for update")
    Optional<InboundConfig> findForUpdate(UUID id);

    @SqlQuery("select " + COLUMNS + " from webhook_inbound_configs where integration_id = :integrationId "
            + "order by created_at, id")
    List<InboundConfig> ofIntegration(UUID integrationId);

    @SqlQuery("select " + COLUMNS + " from webhook_inbound_configs order by created_at, id")
    List<InboundConfig> all();

    @SqlUpdate("delete from webhook_inbound_configs where id = :id")
    int delete(UUID id);

    /** Counts a delivery refused for its signature; nothing else of it is kept. */
    @SqlUpdate("update webhook_inbound_configs set rejected_count = rejected_count + 1, last_rejected_at = :now "
            + "where id = :id")
    void countRejected(UUID id, Instant now);
}
