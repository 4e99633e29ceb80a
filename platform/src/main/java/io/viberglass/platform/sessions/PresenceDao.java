package io.viberglass.platform.sessions;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SQL for who has a session's stream open: a row per person per replica serving them. Rows appearing or going notify
 * every replica ({@code viberglass_presence}, by trigger); changing a row's count or {@code seen_at} does not.
 */
@RegisterConstructorMapper(PresenceDao.Present.class)
interface PresenceDao {
    /** Someone present in a session, on one replica or several. */
    record Present(String presenceKey, UUID userId, String userName) {}

    @SqlQuery("select presence_key, user_id, max(user_name) as user_name from session_presence "
            + "where session_id = :sessionId group by presence_key, user_id order by min(joined_at), presence_key")
    List<Present> present(UUID sessionId);

    /** This replica's row for a person, with their connection count here. */
    @SqlUpdate("insert into session_presence (session_id, presence_key, replica_id, user_id, user_name, connections, "
            + "joined_at, seen_at) values (:sessionId, :presenceKey, :replicaId, :userId, :userName, :connections, "
            + ":now, :now) on conflict (session_id, presence_key, replica_id) do update set "
            + "connections = excluded.connections, user_name = excluded.user_name, seen_at = excluded.seen_at")
    void hold(
            UUID sessionId,
            String presenceKey,
            UUID replicaId,
            UUID userId,
            String userName,
            int connections,
            Instant now);

    @SqlUpdate("delete from session_presence where session_id = :sessionId and presence_key = :presenceKey "
            + "and replica_id = :replicaId")
    void release(UUID sessionId, String presenceKey, UUID replicaId);

    /** Drops this replica's rows in a session for anyone but {@code keep} (rows a failed write left behind). */
    @SqlUpdate("delete from session_presence where session_id = :sessionId and replica_id = :replicaId "
            + "and presence_key <> all(:keep)")
    void releaseAllBut(UUID sessionId, UUID replicaId, List<String> keep);

    /** The replica's heartbeat: how many rows it still has (others delete them when it looked dead). */
    @SqlUpdate("update session_presence set seen_at = :now where replica_id = :replicaId")
    int refresh(UUID replicaId, Instant now);

    @SqlQuery("select distinct session_id from session_presence where replica_id = :replicaId")
    List<UUID> sessionsHeldBy(UUID replicaId);

    /** Deletes the rows of replicas that stopped refreshing them; answers the sessions they were in. */
    @SqlQuery("delete from session_presence where seen_at < :cutoff returning session_id")
    List<UUID> expire(Instant cutoff);

    @SqlUpdate("delete from session_presence where replica_id = :replicaId")
    int releaseReplica(UUID replicaId);
}
