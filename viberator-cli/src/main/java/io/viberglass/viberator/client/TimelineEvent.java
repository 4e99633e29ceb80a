package io.viberglass.viberator.client;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of an agent session's timeline as its event stream sends it.
 *
 * @param sequence the event's place in the session; 0 for presence frames, which are not stored
 * @param type the event kind's wire name ({@code assistant_message}, {@code tool_call_started} …)
 * @param userName who acted, for events people caused
 * @param ephemeral presence frames (joined, left, who is watching), which a resumed stream does not replay
 */
public record TimelineEvent(
        long sequence,
        String type,
        Map<String, Object> payload,
        String userName,
        Instant createdAt,
        boolean ephemeral) {

    public TimelineEvent {
        payload = payload == null ? Map.of() : payload;
        type = type == null ? "" : type;
    }

    /** A payload field as text, or empty. */
    public String text(String field) {
        Object value = payload.get(field);
        return value == null ? "" : value.toString();
    }
}
