package io.viberglass.platform.webhooks;

/**
 * What a delivery means, once its provider's reader has looked at it: the same few shapes for every provider, so the
 * rules that act on them (tickets, runs, follow-ups) are written once.
 */
public sealed interface WebhookEvent {
    /** The event type in the form webhooks filter on, such as {@code issues.opened} or {@code comment_created}. */
    String type();

    /** Nothing to do, and why (an action we do not handle, a check that passed). */
    record Ignored(String type, String reason) implements WebhookEvent {}

    /** A new issue, story or ticket: it becomes a ticket, and runs when the webhook's policy says so. */
    record IssueOpened(String type, SourceIssue issue) implements WebhookEvent {}

    /** A label was added: under a label-gated policy, starts the run the issue did not get when it was opened. */
    record IssueLabeled(String type, SourceIssue issue, String label) implements WebhookEvent {}

    /** The issue changed at the source: its ticket follows (title, description, severity). */
    record IssueUpdated(String type, SourceIssue issue, String editorId) implements WebhookEvent {}

    /**
     * A comment on an issue: a run when it mentions the bot with a trigger phrase ("@viberglass fix this").
     *
     * @param author the name the bot check compares; {@code authorId} and {@code authorAssociation} are what the trust
     *     rules judge
     */
    record IssueComment(
            String type, SourceIssue issue, String author, String body, String authorId, String authorAssociation)
            implements WebhookEvent {}

    /**
     * A review, a review comment or a failed check on a pull request: a follow-up run on its branch when Viberglass
     * opened it.
     *
     * @param trigger {@code review}, {@code review_comment}, {@code comment} or {@code check_failure}
     * @param context what the agent should address, quoted from the review or the check's output
     */
    record PullRequestFeedback(
            String type,
            PullRequestRef pullRequest,
            String trigger,
            String author,
            String context,
            String authorAssociation)
            implements WebhookEvent {}
}
