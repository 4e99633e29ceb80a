package io.viberglass.platform.clankers;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Provisioning and availability rows. Claims are conditional updates, so with several replicas each stale
 * provisioning is resumed, and each clanker checked, by exactly one of them.
 */
@RegisterConstructorMapper(ProvisioningState.class)
public interface ProvisioningDao {
    String COLUMNS = "clanker_id, started_at, heartbeat_at, finished_at, last_error, messages, resources, checked_at, "
            + "healthy, check_message, consecutive_failures, unavailable_since";

    /** Keeps the last 50 steps. */
    String APPEND = "(select coalesce(jsonb_agg(m order by n), '[]'::jsonb) from (select m, n from "
            + "jsonb_array_elements(clanker_provisioning.messages || cast(:stepJson as jsonb)) with ordinality "
            + "as t(m, n) order by n desc limit 50) kept)";

    @SqlQuery("select " + COLUMNS + " from clanker_provisioning where clanker_id = :clankerId")
    Optional<ProvisioningState> find(UUID clankerId);

    @SqlUpdate("insert into clanker_provisioning (clanker_id, started_at, heartbeat_at, messages) values (:clankerId, "
            + ":now, :now, cast(:stepJson as jsonb)) on conflict (clanker_id) do update set started_at = :now, "
            + "heartbeat_at = :now, finished_at = null, last_error = null, messages = cast(:stepJson as jsonb)")
    void begin(UUID clankerId, Instant now, String stepJson);

    @SqlUpdate("update clanker_provisioning set heartbeat_at = :now, messages = " + APPEND
            + " where clanker_id = :clankerId and finished_at is null")
    int report(UUID clankerId, Instant now, String stepJson);

    @SqlUpdate("update clanker_provisioning set heartbeat_at = :now where clanker_id = :clankerId "
            + "and finished_at is null")
    int heartbeat(UUID clankerId, Instant now);

    @SqlUpdate("update clanker_provisioning set finished_at = :now, heartbeat_at = null, last_error = :lastError, "
            + "resources = cast(:resourcesJson as jsonb), messages = " + APPEND + ", checked_at = case when "
            + ":lastError is null then :now else checked_at end, healthy = (:lastError is null), check_message = "
            + "case when :lastError is null then null else check_message end, consecutive_failures = 0, "
            + "unavailable_since = null where clanker_id = :clankerId")
    void finish(UUID clankerId, Instant now, String lastError, String resourcesJson, String stepJson);

    /** Provisionings no replica is working on: their heartbeat stopped, or they never had a row. */
    @SqlQuery("select c.id from clankers c left join clanker_provisioning p on p.clanker_id = c.id "
            + "where c.status = 'deploying' and (p.clanker_id is null or p.finished_at is not null "
            + "or p.heartbeat_at is null or p.heartbeat_at < :cutoff)")
    List<UUID> stale(Instant cutoff);

    /** 1 when this replica now owns the stale provisioning of the clanker. */
    @SqlUpdate(
            "insert into clanker_provisioning (clanker_id, started_at, heartbeat_at) values (:clankerId, :now, :now) "
                    + "on conflict (clanker_id) do update set heartbeat_at = :now, finished_at = null "
                    + "where clanker_provisioning.finished_at is not null or clanker_provisioning.heartbeat_at is null "
                    + "or clanker_provisioning.heartbeat_at < :cutoff")
    int claimStale(UUID clankerId, Instant now, Instant cutoff);

    /** Clankers whose runtime is due for an availability check. */
    @SqlQuery("select c.id from clankers c left join clanker_provisioning p on p.clanker_id = c.id "
            + "where c.status in ('active', 'failed') and c.deployment_strategy <> 'local' "
            + "and (p.checked_at is null or p.checked_at < :cutoff) order by p.checked_at nulls first limit 100")
    List<UUID> dueForCheck(Instant cutoff);

    /** 1 when this replica checks the clanker this round. */
    @SqlUpdate("insert into clanker_provisioning (clanker_id, checked_at) values (:clankerId, :now) "
            + "on conflict (clanker_id) do update set checked_at = :now "
            + "where clanker_provisioning.checked_at is null or clanker_provisioning.checked_at < :cutoff")
    int claimCheck(UUID clankerId, Instant now, Instant cutoff);

    @SqlUpdate(
            "insert into clanker_provisioning (clanker_id, checked_at, healthy, check_message, consecutive_failures, "
                    + "unavailable_since) values (:clankerId, :now, :healthy, :message, :failures, :unavailableSince) "
                    + "on conflict (clanker_id) do update set checked_at = :now, healthy = :healthy, check_message = :message, "
                    + "consecutive_failures = :failures, unavailable_since = :unavailableSince")
    void recordCheck(
            UUID clankerId, Instant now, boolean healthy, String message, int failures, Instant unavailableSince);
}
