package io.viberglass.common.job;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Where the code lives and where the result goes.
 *
 * @param url clone URL (https, ssh-style, {@code file://} or a local path)
 * @param baseBranch branch to start from
 * @param branch work branch name, already rendered by the platform; {@code null} lets the worker derive it from
 *     {@link #branchTemplate()}
 * @param branchTemplate template such as {@code viberator/{{ticketId}}}, used when {@link #branch()} is absent
 * @param provider the SCM API that opens pull requests
 * @param apiUrl SCM API base URL (GitHub Enterprise, self-hosted GitLab); {@code null} for the public service
 * @param credentialName name of the credential holding the SCM token, if the repository needs one
 * @param pullRequest where to open the pull request; {@code null} means the same repository and base branch
 * @param author commit author; {@code null} uses the worker's default identity
 */
public record RepositorySpec(
        @NotBlank @Size(max = 2000) String url,
        @NotBlank @Size(max = 255) String baseBranch,
        @Size(max = 255) String branch,
        @Size(max = 255) String branchTemplate,
        ScmProvider provider,
        @Size(max = 2000) String apiUrl,
        @Size(max = 255) String credentialName,
        @Valid PullRequestTarget pullRequest,
        @Valid CommitAuthor author) {

    public RepositorySpec {
        provider = provider == null ? ScmProvider.detect(url) : provider;
    }

    public static RepositorySpec of(String url, String baseBranch) {
        return new RepositorySpec(url, baseBranch, null, null, null, null, null, null, null);
    }
}
