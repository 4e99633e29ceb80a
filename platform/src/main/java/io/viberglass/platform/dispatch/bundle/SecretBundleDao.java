package io.viberglass.platform.dispatch.bundle;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface SecretBundleDao {
    /** A new dispatch of the job replaces the holder's bundle of the one before, fetched or not. */
    @SqlUpdate("insert into worker_secret_bundles "
            + "(job_id, holder, token_hash, claim_token_hash, nonce, sealed, created_at) "
            + "values (:jobId, :holder, :tokenHash, :claimTokenHash, :nonce, :sealed, :now) "
            + "on conflict (job_id, holder) do update set token_hash = excluded.token_hash, "
            + "claim_token_hash = excluded.claim_token_hash, nonce = excluded.nonce, sealed = excluded.sealed, "
            + "created_at = excluded.created_at, fetched_at = null")
    void save(
            UUID jobId,
            String holder,
            String tokenHash,
            String claimTokenHash,
            byte[] nonce,
            byte[] sealed,
            Instant now);

    @SqlQuery("select * from worker_secret_bundles where job_id = :jobId and token_hash = :tokenHash for update")
    @RegisterConstructorMapper(SecretBundleRow.class)
    Optional<SecretBundleRow> findForUpdate(UUID jobId, String tokenHash);

    @SqlQuery("select exists (select 1 from worker_secret_bundles where job_id = :jobId)")
    boolean exists(UUID jobId);

    /** Wipes the sealed values: the row only remembers that the bundle was handed out. */
    @SqlUpdate("update worker_secret_bundles set sealed = null, nonce = null, fetched_at = :now "
            + "where job_id = :jobId and holder = :holder and fetched_at is null")
    int markFetched(UUID jobId, String holder, Instant now);
}
