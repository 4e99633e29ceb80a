package io.viberglass.platform.infra.db;

import io.dropwizard.lifecycle.Managed;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL {@code LISTEN} for the whole replica: one dedicated connection hears every channel a feature subscribed to
 * (dispatch wake-ups, stream topics, webhook configuration changes) and hands each notification to that channel's
 * callbacks. Notifications are sent by triggers, so they are part of the writing transaction and arrive only once it
 * commits, on every replica alike.
 *
 * <p>Notifications sent while the connection is down are lost; so after every (re)connect each subscriber's
 * {@code onListening} runs, to catch up (wake everything, drop every cached entry). Reconnects back off from half a
 * second to ten.
 */
public class DatabaseNotifications implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseNotifications.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final long FIRST_BACKOFF_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    private record Subscriber(Consumer<String> onNotification, Runnable onListening) {}

    private final String url;
    private final Properties credentials;
    private final Map<String, List<Subscriber>> channels = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean listening;
    private volatile Connection connection;
    private Thread listener;

    public DatabaseNotifications(String url, String user, String password) {
        this.url = url;
        this.credentials = new Properties();
        credentials.setProperty("user", user == null ? "" : user);
        credentials.setProperty("password", password == null ? "" : password);
        credentials.setProperty("ApplicationName", "viberglass-listener");
        credentials.setProperty("tcpKeepAlive", "true");
    }

    /**
     * Hears {@code channel} from the next (re)connect on; subscribe while wiring, before {@link #start}.
     *
     * @param onNotification gets each notification's payload, on the listener thread: keep it short
     * @param onListening runs after every (re)connect, when notifications may have been missed
     */
    public void subscribe(String channel, Consumer<String> onNotification, Runnable onListening) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("Not a channel name: " + channel);
        }
        if (running) {
            throw new IllegalStateException("Subscribe to " + channel + " before the listener starts");
        }
        channels.computeIfAbsent(channel, name -> new CopyOnWriteArrayList<>())
                .add(new Subscriber(onNotification, onListening));
    }

    /** Whether the connection is up and every channel is listened to (health, tests). */
    public boolean isListening() {
        return listening;
    }

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listen, "db-notifications");
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
                LOG.debug("Closing the listener connection failed: {}", e.getMessage());
            }
        }
        if (listener != null) {
            listener.interrupt();
            listener.join(2_000);
        }
    }

    private void listen() {
        long backoff = FIRST_BACKOFF_MILLIS;
        while (running) {
            try (Connection opened = DriverManager.getConnection(url, credentials)) {
                connection = opened;
                try (Statement statement = opened.createStatement()) {
                    for (String channel : channels.keySet()) {
                        statement.execute("listen " + channel);
                    }
                }
                listening = true;
                backoff = FIRST_BACKOFF_MILLIS;
                channels.values().forEach(subscribers -> subscribers.forEach(s -> quietly(s.onListening())));
                PGConnection pg = opened.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(5_000);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            deliver(notification);
                        }
                    }
                }
            } catch (SQLException e) {
                listening = false;
                if (running) {
                    LOG.warn(
                            "Database listener lost its connection ({}); reconnecting in {} ms",
                            e.getMessage(),
                            backoff);
                    if (!sleep(backoff)) {
                        return;
                    }
                    backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
                }
            } finally {
                listening = false;
                connection = null;
            }
        }
    }

    private void deliver(PGNotification notification) {
        List<Subscriber> subscribers = channels.getOrDefault(notification.getName(), List.of());
        for (Subscriber subscriber : subscribers) {
            quietly(() -> subscriber.onNotification().accept(notification.getParameter()));
        }
    }

    /** A failing callback must not take the listener (and every other channel) down with it. */
    private static void quietly(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.warn("A database notification callback failed", e);
        }
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
