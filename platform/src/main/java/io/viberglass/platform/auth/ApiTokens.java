package io.viberglass.platform.auth;

import java.util.Optional;

/** Authenticates personal API tokens ({@code vibe_} + 64 hex); implemented by the tokens feature. */
public interface ApiTokens {
    String PREFIX = "vibe_";

    Optional<Actor> authenticate(String token);
}
