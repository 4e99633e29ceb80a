package io.viberglass.platform.slack;

import java.time.Duration;
import java.util.Optional;

/**
 * A Slack Web API call that did not succeed: rate limited (with Slack's Retry-After), transient (network, 5xx, Slack's
 * own internal errors) or permanent (an {@code ok: false} such as {@code channel_not_found} that no retry fixes).
 */
public class SlackCallException extends RuntimeException {
    public enum Kind {
        RATE_LIMITED,
        TRANSIENT,
        PERMANENT
    }

    private final Kind kind;
    private final Duration retryAfter;

    public SlackCallException(Kind kind, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
