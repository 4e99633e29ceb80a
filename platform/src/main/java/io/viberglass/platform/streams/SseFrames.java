package io.viberglass.platform.streams;

/** The text of server-sent events (the WHATWG {@code text/event-stream} format). */
public final class SseFrames {
    public static final String MEDIA_TYPE = "text/event-stream";
    public static final String HEARTBEAT = ": heartbeat\n\n";

    /**
     * The last frame of a stream the server cut while the client still wants it: the client fell a full queue behind
     * ({@code behind}) or the database read failed ({@code unavailable}). It has no id, so the client's last event id
     * stays that of the last stored event it got, and reconnecting with it misses nothing and repeats nothing.
     */
    public static final String RECONNECT_BEHIND = reconnect("behind");

    public static final String RECONNECT_UNAVAILABLE = reconnect("unavailable");

    private SseFrames() {}

    /**
     * One event. {@code data} is one line of JSON (our serializer never writes raw newlines), so it fits one
     * {@code data:} line; a null {@code id} leaves the client's last event id as it was.
     */
    public static String event(Long id, String name, String data) {
        StringBuilder frame = new StringBuilder();
        if (id != null) {
            frame.append("id: ").append(id).append('\n');
        }
        if (name != null) {
            frame.append("event: ").append(name).append('\n');
        }
        for (String line : data.split("\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        return frame.append('\n').toString();
    }

    private static String reconnect(String reason) {
        return event(null, "reconnect", "{\"reason\":\"" + reason + "\"}");
    }

    /** Where a client resumes: {@code Last-Event-ID} (a reconnecting browser) wins over the query parameter. */
    public static long resumeAfter(String lastEventId, Long queryAfter) {
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                return Math.max(0, Long.parseLong(lastEventId.trim()));
            } catch (NumberFormatException e) {
                throw io.viberglass.platform.infra.errors.DomainException.invalid(
                        "LAST_EVENT_ID_INVALID", "Last-Event-ID", "must be the id of an event this stream sent");
            }
        }
        return queryAfter == null ? 0 : Math.max(0, queryAfter);
    }
}
