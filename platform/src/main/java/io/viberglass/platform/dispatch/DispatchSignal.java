package io.viberglass.platform.dispatch;

import io.dropwizard.lifecycle.Managed;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the dispatcher the moment any replica queues a job or frees a slot: a dedicated connection LISTENs to the
 * channel the jobs trigger notifies. Without a connection (PostgreSQL restarting) the dispatcher falls back to polling
 * and this reconnects.
 */
public class DispatchSignal implements Managed {
    static final String CHANNEL = "viberglass_dispatch";
    private static final Logger LOG = LoggerFactory.getLogger(DispatchSignal.class);

    private final String url;
    private final Properties credentials;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean pending;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread listener;

    public DispatchSignal(String url, String user, String password) {
        this.url = url;
        this.credentials = new Properties();
        credentials.setProperty("user", user == null ? "" : user);
        credentials.setProperty("password", password == null ? "" : password);
        credentials.setProperty("ApplicationName", "viberglass-dispatch-listener");
        credentials.setProperty("tcpKeepAlive", "true");
    }

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listen, "dispatch-listener");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        Connection open = connection;
        if (open != null) {
            try {
                open.close(); // unblocks the listener's read at once
            } catch (SQLException e) {
                LOG.debug("Closing the dispatch listener connection failed: {}", e.getMessage());
            }
        }
        if (listener != null) {
            listener.interrupt();
            listener.join(2_000);
        }
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

    private void listen() {
        while (running) {
            try (Connection opened = DriverManager.getConnection(url, credentials)) {
                connection = opened;
                try (Statement statement = opened.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                wake(); // anything queued while we were not listening
                PGConnection pg = opened.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(5_000);
                    if (notifications != null && notifications.length > 0) {
                        wake();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warn("Dispatch listener lost its connection ({}); polling until it is back", e.getMessage());
                    sleepQuietly(2_000);
                }
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
