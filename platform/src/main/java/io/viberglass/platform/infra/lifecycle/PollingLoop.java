package io.viberglass.platform.infra.lifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One daemon thread that runs a pass over a table on a fixed delay, and at once when woken (rows were just
 * committed); wakes that arrive while one is already queued collapse into it.
 */
public final class PollingLoop {
    private final String threadName;
    private final Runnable pass;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    public PollingLoop(String threadName, Runnable pass) {
        this.threadName = threadName;
        this.pass = pass;
    }

    public void start(Duration interval) {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        started.scheduleWithFixedDelay(pass, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        executor = started;
    }

    public void stop(Duration grace) throws InterruptedException {
        ScheduledExecutorService running = executor;
        if (running != null) {
            running.shutdownNow();
            running.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public void wake() {
        ScheduledExecutorService running = executor;
        if (running != null && wakeQueued.compareAndSet(false, true)) {
            try {
                running.execute(() -> {
                    wakeQueued.set(false);
                    pass.run();
                });
            } catch (RejectedExecutionException e) {
                wakeQueued.set(false);
            }
        }
    }
}
