package io.viberglass.platform.sessions;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this replica's presence rows alive on an interval and deletes those of replicas that stopped doing so (killed,
 * cut off) once {@link #MISSED_BEATS} intervals have passed; every replica runs the sweep, the first one to see a stale
 * row deletes it. A clean stop deletes this replica's rows at once.
 */
final class PresenceHeartbeat implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(PresenceHeartbeat.class);
    /** Beats a replica may miss (a long pause, a slow database) before the people it serves are taken as gone. */
    static final int MISSED_BEATS = 3;

    private final Presence presence;
    private final Duration interval;
    private ScheduledExecutorService timer;

    PresenceHeartbeat(Presence presence, Duration interval) {
        this.presence = presence;
        this.interval = interval;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "session-presence");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        if (timer != null) {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        }
        try {
            presence.releaseAll();
        } catch (RuntimeException e) {
            LOG.warn("Could not release this replica's presence; it expires instead: {}", e.getMessage());
        }
    }

    private void beat() {
        try {
            presence.refresh();
            presence.expire(interval.multipliedBy(MISSED_BEATS));
        } catch (RuntimeException e) {
            LOG.warn("Session presence heartbeat failed: {}", e.getMessage());
        }
    }
}
