package io.viberglass.viberator.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Codex's {@code exec --json} events: {@code item.started}/{@code item.completed} with items {@code agent_message},
 * {@code command_execution}, {@code file_change}, {@code error} …, {@code turn.completed} with usage, and on failure
 * {@code error} plus {@code turn.failed}.
 */
final class CodexJsonParser implements OutputParser {

    @Override
    public List<AgentEvent> onLine(String line) {
        return JsonEvents.object(line)
                .map(this::event)
                .orElseGet(() -> line.isBlank() ? List.of() : List.of(new AgentEvent.Notice(line)));
    }

    private List<AgentEvent> event(JsonNode node) {
        return switch (node.path("type").asText("")) {
            case "item.started" -> started(node.path("item"));
            case "item.completed" -> completed(node.path("item"));
            case "turn.completed" -> turnCompleted(node.path("usage"));
            case "turn.failed" ->
                List.of(new AgentEvent.Verdict(
                        true, node.path("error").path("message").asText("turn failed"), List.of()));
            case "error" -> List.of(new AgentEvent.AgentError(JsonEvents.text(node, "message")));
            case "thread.started", "turn.started" -> List.of();
            default -> List.of(new AgentEvent.Notice(node.toString()));
        };
    }

    private static List<AgentEvent> started(JsonNode item) {
        String id = item.path("id").asText(null);
        return switch (item.path("type").asText("")) {
            case "command_execution" ->
                List.of(new AgentEvent.ToolUse(id, "command", JsonEvents.shorten(JsonEvents.text(item, "command"))));
            case "file_change" -> List.of(new AgentEvent.ToolUse(id, "file_change", changes(item)));
            default -> List.of();
        };
    }

    private static List<AgentEvent> completed(JsonNode item) {
        String id = item.path("id").asText(null);
        String status = item.path("status").asText("");
        return switch (item.path("type").asText("")) {
            case "agent_message" -> List.of(new AgentEvent.AssistantText(JsonEvents.text(item, "text")));
            case "command_execution" ->
                List.of(new AgentEvent.ToolResult(
                        id,
                        JsonEvents.shorten(JsonEvents.text(item, "aggregated_output")),
                        status.equals("failed") || item.path("exit_code").asInt(0) != 0));
            case "file_change" -> List.of(new AgentEvent.ToolResult(id, changes(item), status.equals("failed")));
            case "error" -> List.of(new AgentEvent.AgentError(JsonEvents.text(item, "message")));
            default -> List.of();
        };
    }

    private static List<AgentEvent> turnCompleted(JsonNode usage) {
        List<AgentEvent> events = new ArrayList<>();
        if (usage.isObject()) {
            events.add(new AgentEvent.Usage(JsonEvents.usage(
                    usage.path("input_tokens").asLong(0),
                    usage.path("output_tokens").asLong(0)
                            + usage.path("reasoning_output_tokens").asLong(0),
                    usage.path("cached_input_tokens").asLong(0),
                    null)));
        }
        events.add(new AgentEvent.Verdict(false, "turn completed", List.of()));
        return events;
    }

    private static String changes(JsonNode item) {
        List<String> parts = new ArrayList<>();
        for (JsonNode change : item.path("changes")) {
            parts.add(
                    change.path("kind").asText("?") + " " + change.path("path").asText("?"));
        }
        return JsonEvents.shorten(String.join(", ", parts));
    }
}
