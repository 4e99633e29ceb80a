package io.viberglass.platform.auth;

import io.dropwizard.auth.Authenticator;
import java.util.Optional;

/** Turns presented credentials into an actor: {@code vibe_} tokens are API tokens, anything else a session token. */
public class ActorAuthenticator implements Authenticator<Credentials, Actor> {
    private final AuthService sessions;
    private final ApiTokens tokens;

    public ActorAuthenticator(AuthService sessions, ApiTokens tokens) {
        this.sessions = sessions;
        this.tokens = tokens;
    }

    @Override
    public Optional<Actor> authenticate(Credentials credentials) {
        if (credentials.isApiToken()) {
            return credentials.source() == Credentials.Source.BEARER
                    ? tokens.authenticate(credentials.token())
                    : Optional.empty();
        }
        return sessions.authenticate(credentials.token());
    }
}
