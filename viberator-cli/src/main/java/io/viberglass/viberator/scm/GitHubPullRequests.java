package io.viberglass.viberator.scm;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.HttpException;

/**
 * Pull requests on GitHub and GitHub Enterprise through {@code org.kohsuke:github-api}. The API endpoint is
 * {@code apiUrl} when given (Enterprise, tests), {@code https://api.github.com} for github.com, else
 * {@code https://<host>/api/v3}.
 */
public final class GitHubPullRequests implements PullRequestService {
    static final String PUBLIC_API = "https://api.github.com";

    @Override
    public PullRequestRef openOrUpdate(PullRequestRequest request) throws PullRequestException {
        RepositoryAddress source = RepositoryAddress.parse(request.sourceRepositoryUrl());
        RepositoryAddress target = RepositoryAddress.parse(request.targetRepositoryUrl());
        String head = source.owner() + ":" + request.headBranch();
        try {
            GitHub github = new GitHubBuilder()
                    .withEndpoint(endpoint(request.apiUrl(), target))
                    .withOAuthToken(request.token().reveal())
                    .build();
            GHRepository repository = github.getRepository(target.ownerAndName());
            Optional<PullRequestRef> updated = updateOpen(repository, head, request);
            if (updated.isPresent()) {
                return updated.get();
            }
            // same-repository requests name the branch alone; forks need owner:branch
            String headRef = request.crossRepository() ? head : request.headBranch();
            try {
                GHPullRequest created = repository.createPullRequest(
                        request.title(), headRef, request.baseBranch(), request.body(), true, request.draft());
                return new PullRequestRef(created.getHtmlUrl().toString(), true);
            } catch (HttpException e) {
                // another run opened it between our query and our create: update that one instead
                if (e.getResponseCode() == 422 && String.valueOf(e.getMessage()).contains("already exists")) {
                    return updateOpen(repository, head, request).orElseThrow(() -> e);
                }
                throw e;
            }
        } catch (HttpException e) {
            throw new PullRequestException(
                    "GitHub refused the pull request (HTTP " + e.getResponseCode() + "): " + reason(e),
                    e.getResponseCode() == 401,
                    e);
        } catch (GHFileNotFoundException e) {
            throw new PullRequestException(
                    "GitHub repository " + target.ownerAndName() + " not found or not visible to the token", false, e);
        } catch (IOException e) {
            throw new PullRequestException("GitHub API call failed: " + e.getMessage(), false, e);
        }
    }

    private static Optional<PullRequestRef> updateOpen(GHRepository repository, String head, PullRequestRequest request)
            throws IOException {
        List<GHPullRequest> open = repository
                .queryPullRequests()
                .head(head)
                .state(GHIssueState.OPEN)
                .list()
                .toList();
        if (open.isEmpty()) {
            return Optional.empty();
        }
        GHPullRequest existing = open.get(0);
        existing.setTitle(request.title());
        existing.setBody(request.body());
        return Optional.of(new PullRequestRef(existing.getHtmlUrl().toString(), false));
    }

    static String endpoint(String apiUrl, RepositoryAddress target) {
        if (apiUrl != null && !apiUrl.isBlank()) {
            return apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        }
        if (target.host() == null || target.host().equalsIgnoreCase("github.com")) {
            return PUBLIC_API;
        }
        return target.webBase() + "/api/v3";
    }

    /** GitHub's error body ({@code message} and {@code errors[].message}) without the request details. */
    private static String reason(HttpException e) {
        String message = e.getMessage();
        return message == null ? "no details" : message.length() > 1000 ? message.substring(0, 1000) : message;
    }
}
