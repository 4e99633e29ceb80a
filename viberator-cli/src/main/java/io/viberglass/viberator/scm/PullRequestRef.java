package io.viberglass.viberator.scm;

/**
 * The pull request a run produced.
 *
 * @param url its web address
 * @param created {@code false} when an open request for the branch existed and was updated instead
 */
public record PullRequestRef(String url, boolean created) {}
