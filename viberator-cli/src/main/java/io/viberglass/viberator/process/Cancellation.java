package io.viberglass.viberator.process;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A one-way switch that stops a run: the platform answered a callback with {@code X-Job-Cancelled: true}, the worker
 * got SIGTERM, or a user pressed Ctrl-C. Thread-safe; the first reason wins.
 */
public final class Cancellation {
    private final CompletableFuture<String> reason = new CompletableFuture<>();

    /** Requests cancellation; later calls keep the first reason. */
    public void cancel(String why) {
        reason.complete(why);
    }

    public boolean isCancelled() {
        return reason.isDone();
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason.getNow(null));
    }

    /** Completes with the reason when {@link #cancel} is called; lets waiters react without polling. */
    public CompletableFuture<String> whenCancelled() {
        return reason;
    }
}
