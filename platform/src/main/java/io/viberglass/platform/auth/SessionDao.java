package io.viberglass.platform.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Session.class)
public interface SessionDao {
    String COLUMNS = "id, user_id, token_hash, created_at, last_seen_at, expires_at, revoked_at, ip, user_agent";

    @SqlUpdate("insert into user_sessions (" + COLUMNS + ") values (:id, :userId, :tokenHash, :createdAt, "
            + ":lastSeenAt, :expiresAt, :revokedAt, :ip, :userAgent)")
    void insert(@BindMethods Session session);

    /** The live session with this token hash: not revoked, not expired. */
    @SqlQuery("select " + COLUMNS + " from user_sessions where token_hash = :tokenHash and revoked_at is null "
            + "and expires_at > :now")
    Optional<Session> findLive(String tokenHash, Instant now);

    /** Slides the expiry; only ever forward, so two racing requests cannot shorten it. */
    @SqlUpdate("update user_sessions set last_seen_at = :now, expires_at = :expiresAt where id = :id "
            + "and revoked_at is null and expires_at < :expiresAt")
    int extend(UUID id, Instant now, Instant expiresAt);

    @SqlUpdate("update user_sessions set revoked_at = :now where token_hash = :tokenHash and revoked_at is null")
    int revokeByHash(String tokenHash, Instant now);

    @SqlUpdate("update user_sessions set revoked_at = :now where user_id = :userId and revoked_at is null")
    int revokeAll(UUID userId, Instant now);

    @SqlUpdate("update user_sessions set revoked_at = :now where user_id = :userId and revoked_at is null "
            + "and token_hash <> :keptTokenHash")
    int revokeOthers(UUID userId, String keptTokenHash, Instant now);

    @SqlUpdate("delete from user_sessions where expires_at < :before or revoked_at < :before")
    int deleteEnded(Instant before);
}
