package io.viberglass.platform.webhooks;

/**
 * A pull or merge request named by a webhook: by its web URL, its head branch, or both.
 *
 * @param headSha the commit the feedback is about, when the provider says
 */
public record PullRequestRef(String url, String branch, String headSha, String repository) {}
