package io.viberglass.common.job;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * One job log line as the worker sends it, already redacted.
 *
 * @param source who wrote it: {@code viberator}, {@code agent:claude-code:stdout} …
 * @param timestamp when the worker saw the line; the platform uses its own clock when absent
 */
public record LogEntry(
        @NotNull LogLevel level,
        @NotNull @Size(max = MAX_MESSAGE_LENGTH) String message,
        @Size(max = 100) String source,
        Instant timestamp) {

    public static final int MAX_MESSAGE_LENGTH = 5000;
}
