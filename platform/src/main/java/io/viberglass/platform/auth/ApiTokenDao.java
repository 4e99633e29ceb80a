package io.viberglass.platform.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ApiToken.class)
public interface ApiTokenDao {
    String COLUMNS =
            "id, user_id, name, token_hash, token_prefix, scope, expires_at, last_used_at, revoked_at, created_at";

    @SqlUpdate("insert into api_tokens (" + COLUMNS + ") values (:id, :userId, :name, :tokenHash, :tokenPrefix, "
            + ":scope, :expiresAt, :lastUsedAt, :revokedAt, :createdAt)")
    void insert(@BindMethods ApiToken token);

    @SqlQuery("select " + COLUMNS + " from api_tokens where token_hash = :tokenHash and revoked_at is null "
            + "and (expires_at is null or expires_at > :now)")
    Optional<ApiToken> findLive(String tokenHash, Instant now);

    @SqlQuery("select " + COLUMNS + " from api_tokens where user_id = :userId and revoked_at is null "
            + "order by created_at desc, id")
    List<ApiToken> listOwn(UUID userId);

    @SqlUpdate("update api_tokens set revoked_at = :now where id = :id and user_id = :userId and revoked_at is null")
    int revoke(UUID id, UUID userId, Instant now);

    @SqlUpdate("update api_tokens set last_used_at = :now where id = :id")
    int touch(UUID id, Instant now);
}
