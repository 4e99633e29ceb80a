package io.viberglass.platform.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A plain HTTP client reading a {@code text/event-stream} response line by line on its own thread, as a browser's
 * EventSource does: events (id, event, data), comment lines (heartbeats), and whether the server ended the stream.
 */
public final class SseClient implements AutoCloseable {
    /** One dispatched event; {@code event} is "message" when the server named none, {@code id} null when absent. */
    public record Event(String id, String event, String data) {}

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<InputStream> response;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream at {@code path} with the api's credentials and any extra headers (Last-Event-ID). */
    public static SseClient open(Api api, String path, String... headers) {
        HttpRequest.Builder builder =
                api.builder(path).timeout(Duration.ofMinutes(5)).GET();
        builder.header("Accept", "text/event-stream");
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            return new SseClient(HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private void read() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, event == null ? "message" : event, data.toString()));
                    }
                    id = null;
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).stripLeading();
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> event = value;
                        case "data" ->
                            data = data == null
                                    ? new StringBuilder(value)
                                    : data.append('\n').append(value);
                        default -> {}
                    }
                }
            }
            ended = true;
        } catch (IOException e) {
            ended = true; // closed by the test or cut by the server
        }
    }

    public List<Event> events() {
        return new ArrayList<>(events);
    }

    /** Events that carry an id (the stored ones), in arrival order. */
    public List<Event> storedEvents() {
        return events.stream().filter(e -> e.id() != null).toList();
    }

    public List<String> comments() {
        return new ArrayList<>(comments);
    }

    public boolean ended() {
        return ended;
    }

    /** Waits until an event matching {@code condition} arrived and answers it. */
    public Event await(Predicate<Event> condition) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> events.stream().filter(condition).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    public void awaitEnded() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(this::ended);
    }

    /** Hangs up, as a closed browser tab does. */
    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already closed
        }
        reader.interrupt();
    }
}
