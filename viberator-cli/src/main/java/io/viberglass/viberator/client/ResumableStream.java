package io.viberglass.viberator.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Follows a server-sent event stream of the platform across dropped connections: it remembers the last {@code id:} it
 * saw and reconnects with {@code Last-Event-ID}, so the platform resumes right after it and no event is lost or
 * repeated. A {@code reconnect} event (the platform cut a client that fell behind, or could not read its database) is
 * the same as a dropped connection. Gives up after {@link #MAX_RECONNECTS} failed reconnects in a row; an {@code end}
 * event ends the stream.
 */
final class ResumableStream {
    static final String MEDIA_TYPE = "text/event-stream";
    static final int MAX_RECONNECTS = 5;
    static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

    private final PlatformHttp http;
    private final Sleeper sleeper;

    ResumableStream(PlatformHttp http, Sleeper sleeper) {
        this.http = http;
        this.sleeper = sleeper;
    }

    /**
     * What came of following: whether the platform offers the stream at all, the last event id seen, and whether the
     * stream reached its {@code end} event (or the listener stopped it).
     */
    record Followed(boolean offered, String lastEventId, boolean ended, String endData) {}

    /** Receives each event except {@code end}; answers false to stop following. */
    @FunctionalInterface
    interface Listener {
        boolean onEvent(ServerSentEvents.Event event);
    }

    /** @param lastEventId where to resume, or {@code null} to let {@code path}'s own query decide */
    Followed follow(String path, String lastEventId, Listener listener) throws InterruptedException {
        String last = lastEventId;
        boolean offered = false;
        int failures = 0;
        while (true) {
            String[] seen = {last};
            String[] end = {null};
            boolean[] stopped = {false};
            boolean[] cut = {false};
            try {
                HttpResponse<InputStream> response =
                        http.stream(path, MEDIA_TYPE, last == null ? Map.of() : Map.of("Last-Event-ID", last));
                try (InputStream body = response.body()) {
                    if (!isStream(response)) {
                        return new Followed(offered, last, false, null);
                    }
                    offered = true;
                    boolean ended = ServerSentEvents.read(body, event -> {
                        if (event.id() != null && !event.id().isBlank()) {
                            seen[0] = event.id();
                        }
                        if (event.event().equals("reconnect")) {
                            cut[0] = true;
                            return false;
                        }
                        if (event.event().equals("end")) {
                            end[0] = event.data();
                            return false;
                        }
                        if (!listener.onEvent(event)) {
                            stopped[0] = true;
                            return false;
                        }
                        return true;
                    });
                    last = seen[0];
                    if ((ended && !cut[0]) || stopped[0]) {
                        return new Followed(true, last, true, end[0]);
                    }
                }
            } catch (IOException | PlatformException.Unreachable e) {
                // dropped: reconnect below from the last event seen
                last = seen[0];
                if (!offered) {
                    return new Followed(false, last, false, null);
                }
            }
            boolean progressed = last != null && !last.equals(lastEventId);
            failures = progressed ? 1 : failures + 1;
            lastEventId = last;
            if (failures > MAX_RECONNECTS) {
                return new Followed(true, last, false, null);
            }
            sleeper.sleep(RECONNECT_DELAY);
        }
    }

    private static boolean isStream(HttpResponse<InputStream> response) {
        return response.statusCode() == 200
                && response.headers()
                        .firstValue("Content-Type")
                        .map(type -> type.startsWith(MEDIA_TYPE))
                        .orElse(false);
    }
}
