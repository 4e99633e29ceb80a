package io.viberglass.platform.slack;

import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.auth.Emails;
import io.viberglass.platform.auth.User;
import io.viberglass.platform.auth.UserDao;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Maps the e-mail address on a Slack profile to the platform account that acts for that person: an active user with
 * that address, acting with their own project roles and at most write scope. With authentication off (laptops only)
 * everyone acts as the one local administrator. Anyone else is refused.
 */
public class SlackAccounts {
    private final Jdbi jdbi;
    private final boolean authEnabled;

    public SlackAccounts(Jdbi jdbi, boolean authEnabled) {
        this.jdbi = jdbi;
        this.authEnabled = authEnabled;
    }

    public Optional<Actor> actorForEmail(String email) {
        if (!authEnabled) {
            return Optional.of(Actor.localAdmin());
        }
        return jdbi.withExtension(UserDao.class, dao -> dao.findByEmail(Emails.normalize(email)))
                .filter(User::active)
                .map(Actor::chat);
    }
}
