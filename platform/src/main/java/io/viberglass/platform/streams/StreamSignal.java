package io.viberglass.platform.streams;

import io.dropwizard.lifecycle.Managed;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears, on one dedicated connection per platform instance, the notifications the database triggers send once a
 * change to a session (events, requests, status) or a job (log lines, status) commits, and wakes that topic's
 * streams and long polls. Whichever instance took the write, every instance hears it. After the connection was lost,
 * every topic is woken once, since notifications sent meanwhile are gone.
 */
public class StreamSignal implements Managed {
    static final String CHANNEL = "viberglass_stream";
    private static final Logger LOG = LoggerFactory.getLogger(StreamSignal.class);

    private final String url;
    private final Properties credentials;
    private final StreamHub hub;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread listener;

    public StreamSignal(String url, String user, String password, StreamHub hub) {
        this.url = url;
        this.hub = hub;
        this.credentials = new Properties();
        credentials.setProperty("user", user == null ? "" : user);
        credentials.setProperty("password", password == null ? "" : password);
        credentials.setProperty("ApplicationName", "viberglass-stream-listener");
        credentials.setProperty("tcpKeepAlive", "true");
    }

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listen, "stream-listener");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        Connection open = connection;
        if (open != null) {
            try {
                open.close();
            } catch (SQLException e) {
                LOG.debug("Closing the stream listener connection failed: {}", e.getMessage());
            }
        }
        if (listener != null) {
            listener.interrupt();
            listener.join(2_000);
        }
    }

    private void listen() {
        while (running) {
            try (Connection opened = DriverManager.getConnection(url, credentials)) {
                connection = opened;
                try (Statement statement = opened.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                hub.wakeAll(); // whatever committed while nobody listened
                PGConnection pg = opened.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(5_000);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            hub.wake(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warn("Stream listener lost its connection ({}); reconnecting", e.getMessage());
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }
}
