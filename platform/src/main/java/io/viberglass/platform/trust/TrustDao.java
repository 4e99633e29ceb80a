package io.viberglass.platform.trust;

import io.viberglass.platform.tickets.TrustState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Projects' trust rules and the runs held for approval. */
public interface TrustDao {
    String HOLD_COLUMNS = "id, ticket_id, kind, provider, identity, reason, state, run, delivery_id, job_id, note, "
            + "decided_by, decided_at, decision_reason, created_at";

    @SqlQuery("select project_id, trusted_identities, trust_repository_members, updated_by, updated_at "
            + "from project_trust_settings where project_id = :projectId")
    @RegisterConstructorMapper(TrustSettings.class)
    Optional<TrustSettings> settings(UUID projectId);

    @SqlUpdate("insert into project_trust_settings (project_id, trusted_identities, trust_repository_members, "
            + "updated_by, updated_at) values (:projectId, cast(:identities as jsonb), :trustMembers, :actor, :now) "
            + "on conflict (project_id) do update set trusted_identities = excluded.trusted_identities, "
            + "trust_repository_members = excluded.trust_repository_members, updated_by = excluded.updated_by, "
            + "updated_at = excluded.updated_at")
    void saveSettings(UUID projectId, String identities, boolean trustMembers, String actor, Instant now);

    /** Holds a run; a delivery (or a ticket's pending execution) already holding one holds no second. */
    @SqlUpdate("insert into trust_holds (id, ticket_id, kind, provider, identity, reason, state, run, delivery_id, "
            + "created_at) values (:id, :ticketId, :kind, :provider, :identity, :reason, 'awaiting', "
            + "cast(:run as jsonb), :deliveryId, :now) on conflict do nothing")
    int hold(
            UUID id,
            UUID ticketId,
            String kind,
            String provider,
            String identity,
            String reason,
            String run,
            UUID deliveryId,
            Instant now);

    @SqlQuery("select " + HOLD_COLUMNS + " from trust_holds where ticket_id = :ticketId order by created_at, id")
    @RegisterConstructorMapper(Hold.class)
    List<Hold> holds(UUID ticketId);

    @SqlQuery("select " + HOLD_COLUMNS + " from trust_holds where ticket_id = :ticketId and state = 'awaiting' "
            + "order by created_at, id for update")
    @RegisterConstructorMapper(Hold.class)
    List<Hold> awaitingForUpdate(UUID ticketId);

    @SqlQuery("select " + HOLD_COLUMNS + " from trust_holds where id = :id and ticket_id = :ticketId for update")
    @RegisterConstructorMapper(Hold.class)
    Optional<Hold> holdForUpdate(UUID ticketId, UUID id);

    @SqlUpdate("update trust_holds set state = :state, decided_by = :actor, decided_at = :now, "
            + "decision_reason = :reason where id = :id and state = 'awaiting'")
    int decide(UUID id, TrustState state, String actor, String reason, Instant now);

    @SqlUpdate("update trust_holds set job_id = :jobId, note = null where id = :id")
    void started(UUID id, UUID jobId);

    @SqlUpdate("update trust_holds set note = :note where id = :id")
    void note(UUID id, String note);
}
