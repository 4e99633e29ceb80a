package io.viberglass.viberator;

import io.viberglass.common.job.CommitAuthor;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.RepositorySpec;
import io.viberglass.common.job.RunOutcome;
import io.viberglass.common.job.ScmProvider;
import io.viberglass.common.job.TicketContext;
import io.viberglass.common.job.TokenUsage;
import io.viberglass.common.security.SecretValue;
import io.viberglass.viberator.git.GitOperationException;
import io.viberglass.viberator.git.GitRepository;
import io.viberglass.viberator.report.JobReporter;
import io.viberglass.viberator.scm.PullRequestContent;
import io.viberglass.viberator.scm.PullRequestException;
import io.viberglass.viberator.scm.PullRequestRef;
import io.viberglass.viberator.scm.PullRequestRequest;
import io.viberglass.viberator.scm.PullRequestService;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The end of an execution or claw run: take the agent's PR_TITLE.md / PR_DESCRIPTION.md, refuse an empty change, commit
 * with the configured author, push the work branch, then open or update the pull request.
 */
final class ChangeDelivery {
    private final Clock clock;
    private final Function<ScmProvider, Optional<PullRequestService>> pullRequests;

    ChangeDelivery(Clock clock, Function<ScmProvider, Optional<PullRequestService>> pullRequests) {
        this.clock = clock;
        this.pullRequests = pullRequests;
    }

    /** What was delivered. {@code pullRequestUrl} is {@code null} for plain git remotes. */
    record Delivered(String branch, String commitHash, String pullRequestUrl, List<String> changedFiles) {
        /** The successful result of a run that delivered these changes. */
        JobResult result(long executionTimeMs, TokenUsage usage) {
            return new JobResult(
                    true,
                    RunOutcome.SUCCEEDED,
                    null,
                    branch,
                    commitHash,
                    pullRequestUrl,
                    null,
                    changedFiles,
                    executionTimeMs,
                    usage);
        }
    }

    Delivered deliver(
            JobPayload payload,
            Workspace workspace,
            GitRepository repository,
            String branch,
            Optional<SecretValue> scmToken,
            JobReporter reporter)
            throws RunFailure, GitOperationException, IOException {
        Optional<String> titleFile = workspace.take(PullRequestContent.TITLE_FILE);
        Optional<String> descriptionFile = workspace.take(PullRequestContent.DESCRIPTION_FILE);
        List<String> changed = repository.changedPaths();
        if (changed.isEmpty()) {
            throw new RunFailure(
                    RunOutcome.NO_CHANGES,
                    "The agent finished without changing any file; no commit and no pull request were made");
        }
        TicketContext ticket = payload.ticket();
        String title = PullRequestContent.title(
                titleFile.orElse(null), ticket == null ? null : ticket.title(), payload.task());
        String body = PullRequestContent.description(
                descriptionFile.orElse(null), payload.task(), changed, ticket == null ? null : ticket.externalUrl());

        reporter.progress(
                "commit", "Committing " + changed.size() + " changed file(s)", Map.of("files", changed.size()));
        RepositorySpec repo = payload.repository();
        CommitAuthor author = repo.author() == null ? CommitAuthor.defaultAuthor() : repo.author();
        String commit =
                repository.commitAll(title + "\n\nViberator job " + payload.jobId() + "\n", author, clock.instant());

        reporter.progress("push", "Pushing branch " + branch, Map.of("branch", branch));
        repository.push(branch);

        Optional<PullRequestService> service = pullRequests.apply(repo.provider());
        if (service.isEmpty()) {
            reporter.progress(
                    "push",
                    "Pushed " + branch + " (no pull request for provider "
                            + repo.provider().wire() + ")",
                    Map.of("branch", branch));
            return new Delivered(branch, commit, null, changed);
        }
        if (scmToken.isEmpty()) {
            throw new RunFailure(
                    RunOutcome.PULL_REQUEST_FAILED,
                    "Branch " + branch + " was pushed, but no SCM token is available to open the pull request");
        }
        String target = repo.pullRequest() != null && repo.pullRequest().repositoryUrl() != null
                ? repo.pullRequest().repositoryUrl()
                : repo.url();
        String base = repo.pullRequest() != null && repo.pullRequest().baseBranch() != null
                ? repo.pullRequest().baseBranch()
                : repo.baseBranch();
        boolean draft = repo.pullRequest() != null && repo.pullRequest().draft();
        reporter.progress("pr", "Opening pull request for " + branch, Map.of("branch", branch));
        try {
            PullRequestRef pr = service.get()
                    .openOrUpdate(new PullRequestRequest(
                            repo.url(), target, repo.apiUrl(), branch, base, title, body, draft, scmToken.get()));
            reporter.progress(
                    "pr",
                    (pr.created() ? "Opened " : "Updated ") + pr.url(),
                    Map.of("url", pr.url(), "created", pr.created()));
            return new Delivered(branch, commit, pr.url(), changed);
        } catch (IllegalArgumentException e) {
            // the URL does not name an owner and repository (a bare host path): there is nothing to open a PR on
            throw new RunFailure(
                    RunOutcome.PULL_REQUEST_FAILED,
                    "Branch " + branch + " was pushed, but no pull request can be opened: " + e.getMessage(),
                    e);
        } catch (PullRequestException e) {
            throw new RunFailure(
                    e.credentialRejected() ? RunOutcome.SCM_CREDENTIAL_INVALID : RunOutcome.PULL_REQUEST_FAILED,
                    "Branch " + branch + " was pushed, but the pull request failed: " + e.getMessage(),
                    e);
        }
    }
}
