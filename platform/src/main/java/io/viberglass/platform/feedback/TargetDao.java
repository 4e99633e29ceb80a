package io.viberglass.platform.feedback;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(FeedbackTarget.class)
public interface TargetDao {
    String COLUMNS = "id, integration_id, provider, project_id, provider_project_id, name, events, token_secret_id, "
            + "token_secret_owned, signing_secret_id, signing_secret_owned, options, max_attempts, backoff_ms, "
            + "max_backoff_ms, active, created_at, updated_at";

    @SqlUpdate("insert into feedback_targets (" + COLUMNS + ") values (:id, :integrationId, :provider, :projectId, "
            + ":providerProjectId, :name, :events, :tokenSecretId, :tokenSecretOwned, :signingSecretId, "
            + ":signingSecretOwned, cast(:optionsJson as jsonb), :maxAttempts, :backoffMs, :maxBackoffMs, :active, "
            + ":createdAt, :updatedAt)")
    void insert(@BindMethods FeedbackTarget target, String optionsJson);

    @SqlUpdate("update feedback_targets set project_id = :projectId, provider_project_id = :providerProjectId, "
            + "name = :name, events = :events, token_secret_id = :tokenSecretId, token_secret_owned = :tokenSecretOwned, "
            + "signing_secret_id = :signingSecretId, signing_secret_owned = :signingSecretOwned, "
            + "options = cast(:optionsJson as jsonb), max_attempts = :maxAttempts, backoff_ms = :backoffMs, "
            + "max_backoff_ms = :maxBackoffMs, active = :active, updated_at = :updatedAt where id = :id")
    void update(@BindMethods FeedbackTarget target, String optionsJson);

    @SqlQuery("select " + COLUMNS + " from feedback_targets where id = :id")
    Optional<FeedbackTarget> find(UUID id);

    @SqlQuery("select " + COLUMNS + " from feedback_targets where id = :id for update")
    Optional<FeedbackTarget> findForUpdate(UUID id);

    @SqlQuery("select " + COLUMNS
            + " from feedback_targets where integration_id = :integrationId order by created_at, id")
    List<FeedbackTarget> ofIntegration(UUID integrationId);

    @SqlUpdate("delete from feedback_targets where id = :id")
    int delete(UUID id);

    /**
     * Active targets that want {@code event} from a project: its own, and project-less ones of integrations linked to
     * it.
     */
    @SqlQuery(
            "select " + COLUMNS + " from feedback_targets t where t.active and :event = any(t.events) and "
                    + "(t.project_id = :projectId or (t.project_id is null and exists (select 1 from project_integrations pi "
                    + "where pi.project_id = :projectId and pi.integration_id = t.integration_id))) order by t.created_at, t.id")
    List<FeedbackTarget> subscribed(UUID projectId, String event);
}
