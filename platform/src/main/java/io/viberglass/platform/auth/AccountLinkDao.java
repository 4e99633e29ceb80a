package io.viberglass.platform.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(AccountLink.class)
public interface AccountLinkDao {
    String COLUMNS = "id, user_id, kind, token_hash, issued_by, created_at, expires_at, used_at, revoked_at";

    @SqlUpdate("insert into account_links (" + COLUMNS + ") values (:id, :userId, :kind, :tokenHash, :issuedBy, "
            + ":createdAt, :expiresAt, :usedAt, :revokedAt)")
    void insert(@BindMethods AccountLink link);

    @SqlQuery("select " + COLUMNS + " from account_links where token_hash = :tokenHash")
    Optional<AccountLink> findByHash(String tokenHash);

    /** Locks the row, so two redemptions of one link cannot both pass the "unused" check. */
    @SqlQuery("select " + COLUMNS + " from account_links where token_hash = :tokenHash for update")
    Optional<AccountLink> findByHashForUpdate(String tokenHash);

    /** Revokes the user's open link, if any: a new link replaces it. */
    @SqlUpdate("update account_links set revoked_at = :now where user_id = :userId and used_at is null "
            + "and revoked_at is null")
    int revokeOpen(UUID userId, Instant now);

    @SqlUpdate("update account_links set used_at = :now where id = :id and used_at is null and revoked_at is null")
    int markUsed(UUID id, Instant now);
}
