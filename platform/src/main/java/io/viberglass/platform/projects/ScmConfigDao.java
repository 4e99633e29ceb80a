package io.viberglass.platform.projects;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ScmConfig.class)
public interface ScmConfigDao {
    @SqlUpdate("insert into project_scm_configs (project_id, provider, repository_url, base_branch, "
            + "pull_request_repository_url, pull_request_base_branch, branch_name_template, api_url, integration_id, "
            + "credential_id, integration_credential_id, created_at, updated_at) values (:projectId, :provider, :repositoryUrl, :baseBranch, "
            + ":pullRequestRepositoryUrl, :pullRequestBaseBranch, :branchNameTemplate, :apiUrl, :integrationId, "
            + ":credentialId, :integrationCredentialId, :createdAt, :updatedAt) on conflict (project_id) do update set "
            + "provider = excluded.provider, repository_url = excluded.repository_url, "
            + "base_branch = excluded.base_branch, pull_request_repository_url = excluded.pull_request_repository_url, "
            + "pull_request_base_branch = excluded.pull_request_base_branch, "
            + "branch_name_template = excluded.branch_name_template, api_url = excluded.api_url, "
            + "integration_id = excluded.integration_id, credential_id = excluded.credential_id, "
            + "integration_credential_id = excluded.integration_credential_id, "
            + "updated_at = excluded.updated_at")
    void upsert(@BindMethods ScmConfig config);

    @SqlQuery("select * from project_scm_configs where project_id = :projectId")
    Optional<ScmConfig> find(UUID projectId);

    /** The integration an integration credential belongs to, if the credential exists. */
    @SqlQuery("select integration_id from integration_credentials where id = :credentialId")
    Optional<UUID> credentialIntegration(UUID credentialId);

    /** The integration credential a repository pushes with: the one it selected, else its integration's default. */
    record PushCredential(UUID id, String name, UUID secretId, Instant expiresAt) {
        public boolean isExpired(Instant now) {
            return expiresAt != null && !expiresAt.isAfter(now);
        }

        public String expiredMessage() {
            return "Credential " + name + " of the repository expired at " + expiresAt + "; give it a new value and "
                    + "expiry, or select another credential";
        }
    }

    @SqlQuery(
            "select c.id, c.name, c.secret_id, c.expires_at from project_scm_configs s join integration_credentials c "
                    + "on c.id = s.integration_credential_id or (s.integration_credential_id is null "
                    + "and c.integration_id = s.integration_id and c.is_default) "
                    + "where s.project_id = :projectId and s.credential_id is null")
    @RegisterConstructorMapper(PushCredential.class)
    Optional<PushCredential> pushCredential(UUID projectId);

    @SqlUpdate("update integration_credentials set last_used_at = :now where id = :id")
    void markCredentialUsed(UUID id, Instant now);

    /** Whether the repository has a credential to push with: a secret, a selected credential or a default one. */
    @SqlQuery("select s.credential_id is not null or s.integration_credential_id is not null or exists ("
            + "select 1 from integration_credentials c where c.integration_id = s.integration_id and c.is_default) "
            + "from project_scm_configs s where s.project_id = :projectId")
    boolean hasCredential(UUID projectId);

    @SqlUpdate("delete from project_scm_configs where project_id = :projectId")
    int delete(UUID projectId);
}
