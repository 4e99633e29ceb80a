package io.viberglass.platform.slack;

import java.util.Optional;

/** Who a Slack user is on the platform: their profile e-mail (users.info), mapped to an account. */
public class SlackActors {
    private final SlackApi slack;
    private final SlackAccounts accounts;

    public SlackActors(SlackApi slack, SlackAccounts accounts) {
        this.slack = slack;
        this.accounts = accounts;
    }

    /** The platform actor for {@code slackUserId}, or empty when the person has no e-mail or no account. */
    public Optional<String> actor(String slackUserId) {
        return slack.email(slackUserId).flatMap(accounts::actorForEmail);
    }
}
