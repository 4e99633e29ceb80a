package io.viberglass.viberator.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Claude Code's {@code --output-format stream-json}, which Qwen Code copies: one JSON object per line with {@code type}
 * {@code system}, {@code assistant} (one line per content block), {@code user} (tool results) and a final
 * {@code result} carrying {@code is_error}, {@code permission_denials}, {@code usage} and {@code total_cost_usd}.
 *
 * <p>Kimi Code prints chat messages instead ({@code role} assistant/tool with OpenAI-style {@code tool_calls}); those
 * lines are read by {@link ChatMessages}, so one parser serves all three CLIs.
 */
final class StreamJsonParser implements OutputParser {

    @Override
    public List<AgentEvent> onLine(String line) {
        return JsonEvents.object(line).map(this::event).orElseGet(() -> notice(line));
    }

    private List<AgentEvent> event(JsonNode node) {
        String type = node.path("type").asText("");
        return switch (type) {
            case "system" -> system(node);
            case "assistant" -> assistant(node.path("message").path("content"));
            case "user" -> toolResults(node.path("message").path("content"));
            case "result" -> result(node);
            default -> node.has("role") ? ChatMessages.events(node) : List.of(new AgentEvent.Notice(node.toString()));
        };
    }

    private static List<AgentEvent> system(JsonNode node) {
        String subtype = node.path("subtype").asText("");
        if (subtype.equals("api_retry")) {
            return List.of(new AgentEvent.AgentError("API request failed, retrying (attempt "
                    + node.path("attempt").asText("?") + "): " + JsonEvents.text(node, "error")));
        }
        if (subtype.equals("init")) {
            return List.of(new AgentEvent.Notice(
                    "session started with model " + node.path("model").asText("?")));
        }
        return List.of();
    }

    private static List<AgentEvent> assistant(JsonNode content) {
        List<AgentEvent> events = new ArrayList<>();
        for (JsonNode block : content) {
            switch (block.path("type").asText("")) {
                case "text" ->
                    events.add(new AgentEvent.AssistantText(block.path("text").asText()));
                case "tool_use" ->
                    events.add(new AgentEvent.ToolUse(
                            block.path("id").asText(null),
                            block.path("name").asText("tool"),
                            JsonEvents.summarizeInput(block.path("input"))));
                default -> {
                    // thinking blocks are the model's scratchpad; they are not shown to users
                }
            }
        }
        return events;
    }

    private static List<AgentEvent> toolResults(JsonNode content) {
        List<AgentEvent> events = new ArrayList<>();
        for (JsonNode block : content) {
            if (block.path("type").asText("").equals("tool_result")) {
                events.add(new AgentEvent.ToolResult(
                        block.path("tool_use_id").asText(null),
                        JsonEvents.contentText(block.path("content")),
                        block.path("is_error").asBoolean(false)));
            }
        }
        return events;
    }

    private static List<AgentEvent> result(JsonNode node) {
        List<AgentEvent> events = new ArrayList<>();
        JsonNode usage = node.path("usage");
        if (usage.isObject() || node.has("total_cost_usd")) {
            long cacheRead = usage.path("cache_read_input_tokens").asLong(0);
            events.add(new AgentEvent.Usage(JsonEvents.usage(
                    usage.path("input_tokens").asLong(0) + cacheRead,
                    usage.path("output_tokens").asLong(0),
                    cacheRead,
                    node.get("total_cost_usd"))));
        }
        List<String> denials = new ArrayList<>();
        for (JsonNode denial : node.path("permission_denials")) {
            denials.add(denial.path("tool_name").asText(denial.toString()));
        }
        // subtype says "success" even on API errors: only is_error is trustworthy
        boolean error = node.path("is_error").asBoolean(false);
        String message = node.has("result")
                ? JsonEvents.text(node, "result")
                : node.path("subtype").asText("");
        if (error && node.hasNonNull("api_error_status")) {
            message = "API error " + node.path("api_error_status").asText() + ": " + message;
        }
        events.add(new AgentEvent.Verdict(error, message, denials));
        return events;
    }

    private static List<AgentEvent> notice(String line) {
        return line.isBlank() ? List.of() : List.of(new AgentEvent.Notice(line));
    }
}
