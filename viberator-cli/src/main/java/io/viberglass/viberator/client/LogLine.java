package io.viberglass.viberator.client;

import java.time.Instant;

/** One line of a run's log, as the worker sent it (already redacted by the platform). */
public record LogLine(long id, String level, String message, String source, Instant loggedAt) {}
