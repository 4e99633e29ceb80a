package io.viberglass.viberator.acp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.common.session.SessionEvent;
import io.viberglass.common.session.SessionEventType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns ACP {@code session/update} notifications into {@link SessionEvent}s: message chunks into
 * {@code assistant_message}, thought chunks into {@code reasoning}, tool calls into {@code tool_call_started} and their
 * final update into {@code tool_call_completed}, plans into {@code progress}. Echoes of the user's prompt and command or
 * mode updates are dropped. One mapper per turn: it remembers tool titles so a completion can name its tool, and the
 * agent's last message so the turn can tell whether it ended with a question.
 */
public final class SessionUpdateMapper {
    /** Longest text put into one event; agents stream chunks, so this only cuts pathological single updates. */
    static final int MAX_TEXT = 20_000;

    private final ObjectMapper mapper;
    private final Map<String, String> toolNames = new HashMap<>();
    private final StringBuilder lastMessage = new StringBuilder();
    private boolean messageOpen;

    public SessionUpdateMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The event for one {@code session/update}'s {@code update} object, if it is one the platform shows. */
    public Optional<SessionEvent> map(JsonNode update) {
        String kind = update.path("sessionUpdate").asText("");
        return switch (kind) {
            case "agent_message_chunk" ->
                text(update).map(text -> {
                    if (!messageOpen) {
                        lastMessage.setLength(0);
                        messageOpen = true;
                    }
                    lastMessage.append(text);
                    return event(SessionEventType.ASSISTANT_MESSAGE, Map.of("text", text));
                });
            case "agent_thought_chunk" -> {
                messageOpen = false;
                yield text(update).map(text -> event(SessionEventType.REASONING, Map.of("text", text)));
            }
            case "tool_call" -> {
                messageOpen = false;
                yield Optional.of(toolCall(update));
            }
            case "tool_call_update" -> {
                messageOpen = false;
                yield toolCallUpdate(update);
            }
            case "plan" -> {
                messageOpen = false;
                yield plan(update);
            }
            default -> Optional.empty();
        };
    }

    /**
     * The agent's last message of the turn: the chunks since its last tool call, thought or plan, joined. Empty when it
     * said nothing.
     */
    public String lastAssistantMessage() {
        return lastMessage.toString();
    }

    private SessionEvent toolCall(JsonNode update) {
        String id = update.path("toolCallId").asText("");
        String name = toolName(update);
        toolNames.put(id, name);
        String status = update.path("status").asText("pending");
        if (status.equals("completed") || status.equals("failed")) {
            return completion(id, name, update, status);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("toolCallId", id);
        payload.put("toolName", name);
        payload.put("input", value(update.path("rawInput")));
        return event(SessionEventType.TOOL_CALL_STARTED, payload);
    }

    private Optional<SessionEvent> toolCallUpdate(JsonNode update) {
        String id = update.path("toolCallId").asText("");
        String status = update.path("status").asText("");
        if (!status.equals("completed") && !status.equals("failed")) {
            // in-progress updates repeat what tool_call_started said; the platform shows the start and the end
            return Optional.empty();
        }
        String name = update.hasNonNull("title") ? toolName(update) : toolNames.getOrDefault(id, "tool");
        return Optional.of(completion(id, name, update, status));
    }

    private SessionEvent completion(String id, String name, JsonNode update, String status) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("toolCallId", id);
        payload.put("toolName", name);
        boolean success = status.equals("completed");
        payload.put("success", success);
        payload.put(success ? "output" : "error", output(update));
        return event(SessionEventType.TOOL_CALL_COMPLETED, payload);
    }

    private Optional<SessionEvent> plan(JsonNode update) {
        StringBuilder text = new StringBuilder("Plan:");
        for (JsonNode entry : update.path("entries")) {
            text.append("\n- [")
                    .append(entry.path("status").asText("pending"))
                    .append("] ")
                    .append(entry.path("content").asText(""));
        }
        return Optional.of(event(SessionEventType.PROGRESS, Map.of("text", limit(text.toString()))));
    }

    private static String toolName(JsonNode update) {
        String title = update.path("title").asText("");
        if (!title.isBlank()) {
            return limit(title);
        }
        String kind = update.path("kind").asText("");
        return kind.isBlank() ? "tool" : kind;
    }

    /** The tool's output: its raw output when given, else the text of its content blocks. */
    private Object output(JsonNode update) {
        JsonNode raw = update.path("rawOutput");
        if (!raw.isMissingNode() && !raw.isNull()) {
            return value(raw);
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : update.path("content")) {
            JsonNode inner = block.path("content");
            String piece = inner.path("text").asText(block.path("text").asText(""));
            if (!piece.isEmpty()) {
                text.append(text.length() == 0 ? "" : "\n").append(piece);
            }
        }
        return limit(text.toString());
    }

    private Object value(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Map.of();
        }
        if (node.isTextual()) {
            return limit(node.asText());
        }
        String json = node.toString();
        if (json.length() > MAX_TEXT) {
            return limit(json);
        }
        return mapper.convertValue(node, Object.class);
    }

    private static Optional<String> text(JsonNode update) {
        JsonNode content = update.path("content");
        if (!content.path("type").asText("text").equals("text")) {
            return Optional.empty();
        }
        String text = content.path("text").asText("");
        return text.isEmpty() ? Optional.empty() : Optional.of(limit(text));
    }

    private static SessionEvent event(SessionEventType type, Map<String, Object> payload) {
        return new SessionEvent(type, payload);
    }

    static String limit(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "... [truncated]";
    }
}
