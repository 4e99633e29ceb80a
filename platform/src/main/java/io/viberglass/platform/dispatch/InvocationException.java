package io.viberglass.platform.dispatch;

import java.time.Duration;

/**
 * An invoker could not start a worker. Transient failures (throttling, a busy engine, a network blip) are retried
 * with back-off; permanent ones (no image, no function, bad configuration) fail the job at once.
 */
public class InvocationException extends Exception {
    private final boolean transientFailure;
    private final Duration retryAfter;

    private InvocationException(String message, Throwable cause, boolean transientFailure, Duration retryAfter) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.retryAfter = retryAfter;
    }

    public static InvocationException retryable(String message, Throwable cause) {
        return new InvocationException(message, cause, true, Duration.ZERO);
    }

    public static InvocationException retryableAfter(String message, Throwable cause, Duration retryAfter) {
        return new InvocationException(message, cause, true, retryAfter);
    }

    public static InvocationException permanent(String message, Throwable cause) {
        return new InvocationException(message, cause, false, Duration.ZERO);
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
