package io.viberglass.platform.dispatch;

import io.viberglass.platform.infra.db.DatabaseNotifications;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes the dispatcher the moment any replica queues a job or frees a slot: the jobs trigger notifies
 * {@value #CHANNEL}, which the replica's {@link DatabaseNotifications} hears. While that connection is down the
 * dispatcher falls back to polling; after a reconnect it is woken once for what it may have missed.
 */
public class DispatchSignal {
    static final String CHANNEL = "viberglass_dispatch";

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean pending;

    public DispatchSignal(DatabaseNotifications notifications) {
        notifications.subscribe(CHANNEL, jobId -> wake(), this::wake);
    }

    /** Wakes a waiting dispatcher (also used after this instance queues a job). */
    public void wake() {
        lock.lock();
        try {
            pending = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code millis} for a wake-up; returns at once if one came since the last wait. */
    public void await(long millis) {
        lock.lock();
        try {
            long remaining = TimeUnit.MILLISECONDS.toNanos(millis);
            while (!pending && remaining > 0) {
                remaining = woken.awaitNanos(remaining);
            }
            pending = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }
}
