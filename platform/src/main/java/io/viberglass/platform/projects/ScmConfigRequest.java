package io.viberglass.platform.projects;

import io.viberglass.common.job.ScmProvider;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** The SCM configuration of a project; {@code provider} is detected from the URL when absent. */
public record ScmConfigRequest(
        ScmProvider provider,
        @NotBlank @Size(max = 2000) @Pattern(regexp = REPOSITORY_URL, message = REPOSITORY_URL_MESSAGE)
                String repositoryUrl,
        @Size(max = 255) @Pattern(regexp = BRANCH, message = BRANCH_MESSAGE) String baseBranch,
        @Size(max = 2000) @Pattern(regexp = REPOSITORY_URL, message = REPOSITORY_URL_MESSAGE)
                String pullRequestRepositoryUrl,
        @Size(max = 255) @Pattern(regexp = BRANCH, message = BRANCH_MESSAGE) String pullRequestBaseBranch,
        @Size(max = 255)
                @Pattern(
                        regexp = "[A-Za-z0-9/_.{} -]+",
                        message = "may contain letters, digits, '/', '_', '.', '-' and {{placeholders}}")
                String branchNameTemplate,
        @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String apiUrl,
        UUID integrationId,
        UUID credentialId,
        UUID integrationCredentialId) {

    static final String REPOSITORY_URL = "(?:https?|ssh|git|file)://\\S+|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:\\S+";
    static final String REPOSITORY_URL_MESSAGE = "must be an https, ssh, git or file URL";
    static final String BRANCH = "(?!-)(?!.*\\.\\.)(?!.*//)(?!.*@\\{)(?!.*\\.lock$)[^\\s~^:?*\\[\\\\]+(?<![/.])";
    static final String BRANCH_MESSAGE = "must be a valid git branch name";
}
