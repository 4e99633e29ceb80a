package io.viberglass.platform.llm;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ModelGrant.class)
public interface ModelGrantDao {
    /** A new dispatch of the same job replaces its token: the previous worker's token stops working. */
    @SqlUpdate(
            "insert into llm_job_grants (job_id, token_hash, provider, proxy_url, expires_at, created_at, in_payload) "
                    + "values (:jobId, :tokenHash, :provider, :proxyUrl, :expiresAt, :createdAt, :inPayload) "
                    + "on conflict (job_id) do update set token_hash = excluded.token_hash, "
                    + "provider = excluded.provider, proxy_url = excluded.proxy_url, expires_at = excluded.expires_at, "
                    + "created_at = excluded.created_at, in_payload = excluded.in_payload")
    void save(@BindMethods ModelGrant grant);

    @SqlUpdate("update llm_job_grants set token_hash = :tokenHash where job_id = :jobId")
    int replaceToken(UUID jobId, String tokenHash);

    @SqlQuery("select * from llm_job_grants where job_id = :jobId")
    Optional<ModelGrant> find(UUID jobId);

    @SqlUpdate("delete from llm_job_grants where job_id = :jobId")
    int revoke(UUID jobId);
}
