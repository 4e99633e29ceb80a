package io.viberglass.platform.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a ticket thread is told of its live session's timeline: the agent's answer of each turn as one message, its
 * questions and permission requests (with Allow / Deny), decisions, saved documents, and how turns and the session
 * end. Streaming chunks wait until their turn reaches a boundary, so a thread never shows half an answer; tool calls,
 * reasoning and people's own messages stay in the dashboard.
 */
final class SessionThreadPosts {
    /** Slack cuts a message's text at 40,000 characters; a thread reads better well below that. */
    static final int MAX_TEXT = 3_500;

    private SessionThreadPosts() {}

    /** The posts to queue and the sequence the thread has been told up to. */
    record Told(List<SlackPost> posts, long cursor) {}

    /**
     * @param batchFull whether {@code events} is a full page: a turn longer than a page is then told in parts rather
     *     than never
     */
    static Told tell(
            UUID sessionId, List<SlackSessionDao.Event> events, long cursor, boolean batchFull, ObjectMapper mapper) {
        List<SlackPost> posts = new ArrayList<>();
        StringBuilder answer = new StringBuilder();
        long told = cursor;
        long beforeAnswer = cursor;
        for (SlackSessionDao.Event event : events) {
            JsonNode payload = read(mapper, event.payload());
            if (event.eventType().equals("assistant_message")) {
                if (answer.isEmpty()) {
                    beforeAnswer = told;
                }
                answer.append(payload.path("text").asText(""));
                told = event.sequence();
                continue;
            }
            String boundary =
                    switch (event.eventType()) {
                        case "turn_started" -> "_The agent is working on it…_";
                        case "needs_input" ->
                            "*The agent asks:* "
                                    + SlackMessages.escape(
                                            payload.path("prompt").asText()) + "\nReply in this thread to answer.";
                        case "approval_resolved" -> resolved(payload);
                        case "artifact_updated" ->
                            "_Saved `"
                                    + SlackMessages.escape(payload.path("path").asText()) + "` as the ticket's "
                                    + payload.path("phase").asText() + " document._";
                        case "turn_failed" ->
                            "*The turn failed:* "
                                    + SlackMessages.escape(payload.path("error").asText());
                        case "session_completed" -> "*Session complete.* Start another with `@viberator session …`.";
                        case "session_failed" ->
                            "*Session failed:* "
                                    + SlackMessages.escape(
                                            payload.path("reason").asText("no reason given"));
                        case "session_cancelled" ->
                            "_Session cancelled by "
                                    + SlackMessages.escape(
                                            payload.path("cancelledBy").asText("someone")) + "._";
                        default -> null;
                    };
            if (boundary != null
                    || event.eventType().equals("turn_completed")
                    || event.eventType().equals("needs_approval")) {
                flush(answer, posts);
            }
            if (event.eventType().equals("needs_approval")) {
                posts.add(SlackPost.message(
                        "The agent asks permission: "
                                + SlackMessages.escape(payload.path("prompt").asText()),
                        SlackMessages.permissionCard(
                                sessionId.toString(),
                                payload.path("requestId").asText(),
                                payload.path("prompt").asText())));
            } else if (boundary != null) {
                posts.add(SlackPost.message(boundary));
            }
            told = event.sequence();
        }
        if (!answer.isEmpty()) {
            if (batchFull) {
                flush(answer, posts);
            } else {
                told = beforeAnswer; // the rest of the answer is still streaming: tell it whole, later
            }
        }
        return new Told(posts, told);
    }

    private static String resolved(JsonNode payload) {
        if (payload.path("status").asText().equals("cancelled")) {
            return "_Permission request closed: "
                    + SlackMessages.escape(payload.path("reason").asText()) + "._";
        }
        String by = SlackMessages.escape(payload.path("decidedBy").asText("someone"));
        return payload.path("approved").asBoolean() ? "_Allowed by " + by + "._" : "_Denied by " + by + "._";
    }

    private static void flush(StringBuilder answer, List<SlackPost> posts) {
        String text = answer.toString().strip();
        answer.setLength(0);
        if (text.isEmpty()) {
            return;
        }
        String escaped = SlackMessages.escape(text);
        posts.add(SlackPost.message(
                escaped.length() > MAX_TEXT
                        ? escaped.substring(0, MAX_TEXT) + "… _(the rest is in the dashboard)_"
                        : escaped));
    }

    private static JsonNode read(ObjectMapper mapper, String json) {
        try {
            return mapper.readTree(json == null ? "{}" : json);
        } catch (IOException e) {
            throw new UncheckedIOException("A session event's payload is not JSON", e);
        }
    }
}
