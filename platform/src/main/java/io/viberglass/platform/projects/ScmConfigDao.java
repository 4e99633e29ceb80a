package io.viberglass.platform.projects;

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
            + "credential_id, created_at, updated_at) values (:projectId, :provider, :repositoryUrl, :baseBranch, "
            + ":pullRequestRepositoryUrl, :pullRequestBaseBranch, :branchNameTemplate, :apiUrl, :integrationId, "
            + ":credentialId, :createdAt, :updatedAt) on conflict (project_id) do update set "
            + "provider = excluded.provider, repository_url = excluded.repository_url, "
            + "base_branch = excluded.base_branch, pull_request_repository_url = excluded.pull_request_repository_url, "
            + "pull_request_base_branch = excluded.pull_request_base_branch, "
            + "branch_name_template = excluded.branch_name_template, api_url = excluded.api_url, "
            + "integration_id = excluded.integration_id, credential_id = excluded.credential_id, "
            + "updated_at = excluded.updated_at")
    void upsert(@BindMethods ScmConfig config);

    @SqlQuery("select * from project_scm_configs where project_id = :projectId")
    Optional<ScmConfig> find(UUID projectId);

    @SqlUpdate("delete from project_scm_configs where project_id = :projectId")
    int delete(UUID projectId);
}
