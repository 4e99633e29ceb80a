package io.viberglass.viberator.scm;

import io.viberglass.common.security.SecretValue;

/**
 * A pull or merge request to open or update.
 *
 * @param sourceRepositoryUrl the repository the branch was pushed to
 * @param targetRepositoryUrl the repository that receives the request (differs for forks)
 * @param apiUrl the SCM API base URL, or {@code null} to derive it from the repository host
 * @param headBranch the pushed work branch
 * @param baseBranch the branch to merge into
 * @param token the SCM token; never logged
 */
public record PullRequestRequest(
        String sourceRepositoryUrl,
        String targetRepositoryUrl,
        String apiUrl,
        String headBranch,
        String baseBranch,
        String title,
        String body,
        boolean draft,
        SecretValue token) {

    public boolean crossRepository() {
        return !RepositoryAddress.parse(sourceRepositoryUrl).equals(RepositoryAddress.parse(targetRepositoryUrl));
    }

    @Override
    public String toString() {
        return "PullRequestRequest[" + headBranch + " -> " + targetRepositoryUrl + ":" + baseBranch + "]";
    }
}
