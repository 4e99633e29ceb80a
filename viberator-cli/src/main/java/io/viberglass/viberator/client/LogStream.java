package io.viberglass.viberator.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A run's log as server-sent events from {@code GET /api/jobs/{id}/logs/stream?afterId=}: a {@code log} event per
 * line (data: the line as JSON) and an {@code end} event once the run has ended. A platform that does not serve the
 * stream answers anything but a 200 event stream, and the caller polls instead.
 */
final class LogStream {
    static final String MEDIA_TYPE = "text/event-stream";

    private final PlatformHttp http;

    LogStream(PlatformHttp http) {
        this.http = http;
    }

    /** What the stream gave: whether there was one, the last line id seen and whether it reached the end event. */
    record Streamed(boolean offered, long lastId, boolean ended) {}

    Streamed follow(UUID jobId, long afterId, Consumer<LogLine> sink) {
        HttpResponse<InputStream> response;
        try {
            response = http.stream("/api/jobs/" + jobId + "/logs/stream?afterId=" + afterId, MEDIA_TYPE);
        } catch (PlatformException.Unreachable e) {
            return new Streamed(false, afterId, false);
        }
        boolean isStream = response.statusCode() == 200
                && response.headers()
                        .firstValue("Content-Type")
                        .map(type -> type.startsWith(MEDIA_TYPE))
                        .orElse(false);
        long[] last = {afterId};
        try (InputStream body = response.body()) {
            if (!isStream) {
                return new Streamed(false, afterId, false);
            }
            boolean ended = ServerSentEvents.read(body, event -> {
                if (event.event().equals("end")) {
                    return false;
                }
                if (event.event().equals("log")) {
                    LogLine line = parse(event.data());
                    if (line.id() > last[0]) {
                        sink.accept(line);
                        last[0] = line.id();
                    }
                }
                return true;
            });
            return new Streamed(true, last[0], ended);
        } catch (IOException e) {
            // the stream broke off: the caller goes on by polling from the last line seen
            return new Streamed(true, last[0], false);
        }
    }

    private LogLine parse(String data) {
        try {
            return http.mapper().readValue(data, LogLine.class);
        } catch (JsonProcessingException e) {
            throw new PlatformException.Unreachable("The log stream sent a line that is not a log line: " + data, e);
        }
    }
}
