package io.viberglass.platform.projects;

import io.viberglass.common.job.ScmProvider;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code project_scm_configs}: where a project's code lives and where its pull requests go.
 *
 * @param credentialId a secret holding the SCM token, chosen directly
 * @param integrationCredentialId the SCM integration's credential to push with; when neither is set, the integration's
 *     default credential is used
 */
public record ScmConfig(
        UUID projectId,
        ScmProvider provider,
        String repositoryUrl,
        String baseBranch,
        String pullRequestRepositoryUrl,
        String pullRequestBaseBranch,
        String branchNameTemplate,
        String apiUrl,
        UUID integrationId,
        UUID credentialId,
        UUID integrationCredentialId,
        Instant createdAt,
        Instant updatedAt) {

    /** A repository on the platform's own disk needs no credential. */
    public boolean isLocal() {
        return repositoryUrl.startsWith("file://") || repositoryUrl.startsWith("/");
    }
}
