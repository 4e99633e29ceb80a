package io.viberglass.viberator.scm;

import java.util.List;
import org.gitlab4j.api.Constants;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.MergeRequest;
import org.gitlab4j.api.models.MergeRequestFilter;
import org.gitlab4j.api.models.MergeRequestParams;
import org.gitlab4j.api.models.Project;

/**
 * Merge requests on GitLab (gitlab.com or self-hosted) through {@code gitlab4j-api}. The server is {@code apiUrl} when
 * given, else the repository's host; gitlab4j appends {@code /api/v4}.
 */
public final class GitLabMergeRequests implements PullRequestService {

    @Override
    public PullRequestRef openOrUpdate(PullRequestRequest request) throws PullRequestException {
        RepositoryAddress source = RepositoryAddress.parse(request.sourceRepositoryUrl());
        RepositoryAddress target = RepositoryAddress.parse(request.targetRepositoryUrl());
        String title = request.draft() ? "Draft: " + request.title() : request.title();
        try (GitLabApi api =
                new GitLabApi(server(request.apiUrl(), target), request.token().reveal())) {
            Project sourceProject = api.getProjectApi().getProject(source.projectPath());
            Project targetProject =
                    request.crossRepository() ? api.getProjectApi().getProject(target.projectPath()) : sourceProject;
            MergeRequestFilter filter = new MergeRequestFilter()
                    .withProjectId(targetProject.getId())
                    .withSourceBranch(request.headBranch())
                    .withState(Constants.MergeRequestState.OPENED);
            List<MergeRequest> open = api.getMergeRequestApi().getMergeRequests(filter);
            if (!open.isEmpty()) {
                MergeRequest existing = open.get(0);
                MergeRequestParams update =
                        new MergeRequestParams().withTitle(title).withDescription(request.body());
                MergeRequest updated =
                        api.getMergeRequestApi().updateMergeRequest(targetProject.getId(), existing.getIid(), update);
                return new PullRequestRef(webUrl(updated, existing), false);
            }
            MergeRequestParams create = new MergeRequestParams()
                    .withSourceBranch(request.headBranch())
                    .withTargetBranch(request.baseBranch())
                    .withTitle(title)
                    .withDescription(request.body());
            if (request.crossRepository()) {
                create.withTargetProjectId(targetProject.getId());
            }
            MergeRequest created = api.getMergeRequestApi().createMergeRequest(sourceProject.getId(), create);
            return new PullRequestRef(created.getWebUrl(), true);
        } catch (GitLabApiException e) {
            throw new PullRequestException(
                    "GitLab refused the merge request (HTTP " + e.getHttpStatus() + "): " + e.getMessage(),
                    e.getHttpStatus() == 401,
                    e);
        } catch (RuntimeException e) {
            // gitlab4j surfaces connection failures as unchecked processing exceptions
            throw new PullRequestException("GitLab API call failed: " + e.getMessage(), false, e);
        }
    }

    static String server(String apiUrl, RepositoryAddress target) {
        if (apiUrl != null && !apiUrl.isBlank()) {
            String trimmed = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
            return trimmed.endsWith("/api/v4") ? trimmed.substring(0, trimmed.length() - 7) : trimmed;
        }
        return target.webBase();
    }

    private static String webUrl(MergeRequest updated, MergeRequest existing) {
        return updated != null && updated.getWebUrl() != null ? updated.getWebUrl() : existing.getWebUrl();
    }
}
