package io.viberglass.common.job;

import jakarta.validation.constraints.Size;

/**
 * Where a pull request is opened, when it differs from the clone source (a fork workflow).
 *
 * @param repositoryUrl the repository that receives the pull request; {@code null} means the clone source
 * @param baseBranch the branch it targets; {@code null} means the base branch
 * @param draft open as a draft
 */
public record PullRequestTarget(
        @Size(max = 2000) String repositoryUrl, @Size(max = 255) String baseBranch, boolean draft) {}
