package io.viberglass.platform.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Follows a run's log stream as a browser's EventSource does: it remembers the id of the last line it got and, when
 * the stream ends without its {@code end} event (a {@code reconnect} event, a dropped connection, a refused open),
 * connects again with {@code Last-Event-ID}. Records every {@code log} event's id and message, in arrival order, so a
 * test can check that each line came exactly once and in order.
 */
public final class LogFollower {
    /** One log event as it arrived. */
    public record Line(long id, String data) {}

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Api api;
    private final String path;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final AtomicInteger reconnectEvents = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile long lastId;
    private volatile boolean ended;
    private volatile boolean closed;
    private Thread thread;

    public LogFollower(Api api, String path) {
        this.api = api;
        this.path = path;
    }

    /** Starts following on a thread of its own. */
    public LogFollower start() {
        thread = new Thread(this::follow, "log-follower");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /**
     * Opens the stream over a raw socket with a tiny receive buffer and reads nothing until {@link SlowStart#read} is
     * called: a client on a stalled network, whose stream the platform must cut once its queue is full.
     */
    public SlowStart stall() throws IOException {
        URI base = URI.create(api.base());
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        String authorization =
                api.builder(path).build().headers().firstValue("Authorization").orElseThrow();
        // HTTP/1.0, so the body is the event stream itself, not chunked
        String request = "GET " + path + " HTTP/1.0\r\nHost: " + base.getHost() + "\r\nAuthorization: " + authorization
                + "\r\nAccept: text/event-stream\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new SlowStart(socket);
    }

    /** The stalled first connection of a slow client. */
    public final class SlowStart {
        private final Socket socket;

        private SlowStart(Socket socket) {
            this.socket = socket;
        }

        /** Reads the first connection to its end, then follows on with {@code Last-Event-ID} like any client. */
        public LogFollower read() throws IOException {
            socket.setSoTimeout(60_000);
            try (socket;
                    BufferedReader reader = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
                    // the status line and headers
                }
                connections.incrementAndGet();
                readEvents(reader);
            }
            return ended ? LogFollower.this : start();
        }
    }

    private void follow() {
        int failures = 0;
        while (!ended && !closed && failures < 20) {
            HttpRequest.Builder request =
                    api.builder(path).timeout(Duration.ofMinutes(5)).GET();
            request.header("Accept", "text/event-stream");
            if (lastId > 0) {
                request.header("Last-Event-ID", Long.toString(lastId));
            }
            try {
                HttpResponse<InputStream> response =
                        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    if (response.statusCode() == 200) {
                        connections.incrementAndGet();
                        readEvents(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)));
                        failures = 0;
                    } else {
                        failures++;
                    }
                }
            } catch (IOException e) {
                failures++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!ended && !closed) {
                sleep();
            }
        }
    }

    private void readEvents(BufferedReader reader) throws IOException {
        Long id = null;
        String event = null;
        String data = null;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith("id:")) {
                id = Long.parseLong(line.substring(3).trim());
            } else if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data = line.substring(5).trim();
            } else if (line.isEmpty()) {
                if ("log".equals(event) && id != null) {
                    lines.add(new Line(id, data));
                    lastId = id;
                } else if ("reconnect".equals(event)) {
                    reconnectEvents.incrementAndGet();
                } else if ("end".equals(event)) {
                    ended = true;
                    return;
                }
                id = null;
                event = null;
                data = null;
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    public boolean ended() {
        return ended;
    }

    /** How many {@code reconnect} events the platform sent this client. */
    public int reconnectEvents() {
        return reconnectEvents.get();
    }

    /** How many streams this client opened (1 when it never had to resume). */
    public int connections() {
        return connections.get();
    }

    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
