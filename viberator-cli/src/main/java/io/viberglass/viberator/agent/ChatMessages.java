package io.viberglass.viberator.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI-style chat messages ({@code role}, {@code content}, {@code tool_calls}), the output of Kimi Code's stream-json
 * and Mistral Vibe's JSON: assistant text and tool calls, tool results; system and user messages are the prompt echoed
 * back and are skipped.
 */
final class ChatMessages {
    private ChatMessages() {}

    static List<AgentEvent> events(JsonNode message) {
        String role = message.path("role").asText("");
        List<AgentEvent> events = new ArrayList<>();
        switch (role) {
            case "assistant" -> {
                String text = JsonEvents.contentText(message.path("content"));
                if (!text.isBlank()) {
                    events.add(new AgentEvent.AssistantText(text));
                }
                for (JsonNode call : message.path("tool_calls")) {
                    JsonNode function = call.path("function");
                    events.add(new AgentEvent.ToolUse(
                            call.path("id").asText(null),
                            function.path("name").asText("tool"),
                            JsonEvents.summarizeInput(arguments(function.path("arguments")))));
                }
            }
            case "tool" ->
                events.add(new AgentEvent.ToolResult(
                        message.path("tool_call_id").asText(null),
                        JsonEvents.contentText(message.path("content")),
                        false));
            default -> {
                // system and user messages echo the prompt
            }
        }
        return events;
    }

    /** Tool arguments arrive as a JSON string inside the JSON; read them as an object when they are one. */
    private static JsonNode arguments(JsonNode arguments) {
        if (arguments.isTextual()) {
            return JsonEvents.object(arguments.asText())
                    .map(JsonNode.class::cast)
                    .orElse(arguments);
        }
        return arguments;
    }
}
