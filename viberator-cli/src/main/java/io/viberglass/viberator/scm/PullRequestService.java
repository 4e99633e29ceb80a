package io.viberglass.viberator.scm;

/** Opens a pull request for a pushed branch, or updates the open one that already exists for it. */
public interface PullRequestService {

    PullRequestRef openOrUpdate(PullRequestRequest request) throws PullRequestException;
}
