package io.viberglass.platform.sessions;

import java.time.Instant;
import java.util.UUID;

/**
 * Someone in a session: its creator and everyone who wrote in it.
 *
 * @param online whether they have the session's event stream open, on any platform replica
 */
public record Participant(UUID userId, String name, Instant lastActiveAt, boolean online) {}
