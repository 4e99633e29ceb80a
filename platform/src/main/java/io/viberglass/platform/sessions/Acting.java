package io.viberglass.platform.sessions;

import io.viberglass.platform.auth.Actor;
import java.util.UUID;

/**
 * The person behind an action, taken from the authenticated principal (upstream read it from a request field that did
 * not exist, so every turn had a null author): recorded on every turn, request and event they cause.
 */
public record Acting(UUID userId, String name) {
    public static Acting of(Actor actor) {
        return new Acting(
                actor.userId(), actor.name() == null || actor.name().isBlank() ? actor.email() : actor.name());
    }

    /** The key presence counts connections by: the user id, or the name for the local administrator. */
    String presenceKey() {
        return userId == null ? "name:" + name : userId.toString();
    }
}
