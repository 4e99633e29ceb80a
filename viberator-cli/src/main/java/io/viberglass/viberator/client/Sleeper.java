package io.viberglass.viberator.client;

import java.time.Duration;

/** How the client waits between polls; tests pass one that advances a clock instead. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    static Sleeper real() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
