package io.viberglass.platform.slack;

import java.util.Optional;

/**
 * Maps the e-mail address on a Slack profile to the platform account that acts for that person (the actor recorded on
 * approvals, runs and comments). Anyone it does not map is refused.
 */
@FunctionalInterface
public interface SlackAccounts {
    Optional<String> actorForEmail(String email);

    /**
     * Until accounts exist: with authentication off (one local administrator, laptops only) everyone with an e-mail
     * acts under that e-mail; with it on, nobody is mapped, so Slack can read but not act.
     */
    static SlackAccounts withoutAccounts(boolean authEnabled) {
        return email -> authEnabled ? Optional.empty() : Optional.of(email);
    }
}
