package io.viberglass.viberator.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A run's log as server-sent events from {@code GET /api/jobs/{id}/logs/stream?afterId=}: a {@code log} event per
 * line (id: the line id, data: the line as JSON) and an {@code end} event once the run has ended. A dropped connection
 * is resumed with {@code Last-Event-ID}. A platform that does not serve the stream answers anything but a 200 event
 * stream, and the caller polls instead.
 */
final class LogStream {
    static final String MEDIA_TYPE = ResumableStream.MEDIA_TYPE;

    private final PlatformHttp http;
    private final Sleeper sleeper;

    LogStream(PlatformHttp http, Sleeper sleeper) {
        this.http = http;
        this.sleeper = sleeper;
    }

    /** What the stream gave: whether there was one, the last line id seen and whether it reached the end event. */
    record Streamed(boolean offered, long lastId, boolean ended) {}

    Streamed follow(UUID jobId, long afterId, Consumer<LogLine> sink) throws InterruptedException {
        long[] last = {afterId};
        ResumableStream.Followed followed = new ResumableStream(http, sleeper)
                .follow("/api/jobs/" + jobId + "/logs/stream?afterId=" + afterId, null, event -> {
                    if (event.event().equals("log") || event.event().equals("message")) {
                        LogLine line = parse(event.data());
                        // a line seen before a reconnect is never printed twice
                        if (line.id() > last[0]) {
                            sink.accept(line);
                            last[0] = line.id();
                        }
                    }
                    return true;
                });
        return new Streamed(followed.offered(), last[0], followed.ended());
    }

    private LogLine parse(String data) {
        try {
            return http.mapper().readValue(data, LogLine.class);
        } catch (JsonProcessingException e) {
            throw new PlatformException.Unreachable("The log stream sent a line that is not a log line: " + data, e);
        }
    }
}
