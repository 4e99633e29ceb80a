package io.viberglass.viberator.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * OpenCode's {@code run --format json} events: {@code text}, {@code tool_use} (with {@code part.state} status, input
 * and output), {@code step_finish} (tokens and cost) and {@code error}.
 */
final class OpenCodeJsonParser implements OutputParser {

    @Override
    public List<AgentEvent> onLine(String line) {
        return JsonEvents.object(line)
                .map(OpenCodeJsonParser::event)
                .orElseGet(() -> line.isBlank() ? List.of() : List.of(new AgentEvent.Notice(line)));
    }

    private static List<AgentEvent> event(JsonNode node) {
        JsonNode part = node.path("part");
        return switch (node.path("type").asText("")) {
            case "text" ->
                List.of(new AgentEvent.AssistantText(part.path("text").asText("")));
            case "tool_use" -> tool(part);
            case "step_finish" -> usage(part);
            case "error" -> {
                JsonNode error = node.path("error");
                String message = error.path("data")
                        .path("message")
                        .asText(error.path("name").asText("error"));
                yield List.of(new AgentEvent.AgentError(message), new AgentEvent.Verdict(true, message, List.of()));
            }
            case "step_start" -> List.of();
            default -> List.of(new AgentEvent.Notice(node.toString()));
        };
    }

    private static List<AgentEvent> tool(JsonNode part) {
        JsonNode state = part.path("state");
        String id = part.path("callID").asText(null);
        String name = part.path("tool").asText("tool");
        AgentEvent.ToolUse use = new AgentEvent.ToolUse(id, name, JsonEvents.summarizeInput(state.path("input")));
        String status = state.path("status").asText("");
        if (status.equals("running") || status.equals("pending")) {
            return List.of(use);
        }
        boolean failed = status.equals("error") || status.equals("failed");
        String output = failed ? JsonEvents.text(state, "error") : JsonEvents.text(state, "output");
        return List.of(use, new AgentEvent.ToolResult(id, JsonEvents.shorten(output), failed));
    }

    private static List<AgentEvent> usage(JsonNode part) {
        JsonNode tokens = part.path("tokens");
        if (!tokens.isObject()) {
            return List.of();
        }
        long cached = tokens.path("cache").path("read").asLong(0);
        return List.of(new AgentEvent.Usage(JsonEvents.usage(
                tokens.path("input").asLong(0) + cached,
                tokens.path("output").asLong(0) + tokens.path("reasoning").asLong(0),
                cached,
                part.get("cost"))));
    }
}
