package io.viberglass.viberator.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Follows an agent session's timeline from {@code GET /api/agent-sessions/{id}/events/stream}: every stored event
 * after {@code afterSequence} (id: the sequence), then events as they happen, presence frames, and an {@code end}
 * event once the session has ended. Reconnects with {@code Last-Event-ID} when the connection drops, so no event is
 * missed or shown twice.
 */
public final class SessionFollower {
    private final ViberglassClient client;
    private final Sleeper sleeper;

    public SessionFollower(ViberglassClient client, Sleeper sleeper) {
        this.client = client;
        this.sleeper = sleeper;
    }

    /**
     * How following ended.
     *
     * @param status the session's final status from the {@code end} event, or null when the stream gave out first
     */
    public record Ended(String status, long lastSequence) {}

    public Ended follow(UUID sessionId, long afterSequence, Consumer<TimelineEvent> sink) throws InterruptedException {
        PlatformHttp http = client.http();
        long[] last = {afterSequence};
        ResumableStream.Followed followed = new ResumableStream(http, sleeper)
                .follow(
                        "/api/agent-sessions/" + sessionId + "/events/stream?after=" + afterSequence,
                        afterSequence > 0 ? Long.toString(afterSequence) : null,
                        event -> {
                            TimelineEvent parsed = parse(http, event.data());
                            if (parsed.ephemeral() || parsed.sequence() > last[0]) {
                                sink.accept(parsed);
                                last[0] = Math.max(last[0], parsed.sequence());
                            }
                            return true;
                        });
        if (!followed.offered()) {
            throw new PlatformException.Unreachable(
                    "The platform does not stream session " + sessionId + " (no event stream at "
                            + "/api/agent-sessions/" + sessionId + "/events/stream)",
                    null);
        }
        return new Ended(followed.ended() ? status(http, followed.endData()) : null, last[0]);
    }

    private static TimelineEvent parse(PlatformHttp http, String data) {
        try {
            return http.mapper().readValue(data, TimelineEvent.class);
        } catch (JsonProcessingException e) {
            throw new PlatformException.Unreachable("The session stream sent an event that is not one: " + data, e);
        }
    }

    private static String status(PlatformHttp http, String endData) {
        if (endData == null) {
            return "ended";
        }
        try {
            JsonNode end = http.mapper().readTree(endData);
            return end.path("status").asText("ended");
        } catch (JsonProcessingException e) {
            return endData.strip();
        }
    }
}
