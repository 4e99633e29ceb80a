package io.viberglass.platform.slack;

import io.viberglass.platform.auth.Actor;
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
    public Optional<Actor> actor(String slackUserId) {
        return slack.email(slackUserId).flatMap(accounts::actorForEmail);
    }

    /** The actor a chained thread acts as, by the e-mail it stored; empty once that account is gone. */
    public Optional<Actor> byEmail(String email) {
        return accounts.actorForEmail(email);
    }
}
