package io.viberglass.viberator.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gemini CLI's {@code --output-format json}: one (usually pretty-printed) document at the end with {@code response},
 * {@code stats.models.<model>.tokens} and, on failure, {@code error.message}.
 */
final class GeminiJsonParser extends JsonDocumentParser {
    @Override
    List<AgentEvent> document(JsonNode doc) {
        List<AgentEvent> events = new ArrayList<>();
        String response = JsonEvents.text(doc, "response");
        if (!response.isBlank()) {
            events.add(new AgentEvent.AssistantText(response));
        }
        long input = 0;
        long output = 0;
        long cached = 0;
        for (Map.Entry<String, JsonNode> model :
                doc.path("stats").path("models").properties()) {
            JsonNode tokens = model.getValue().path("tokens");
            input += tokens.path("prompt").asLong(0);
            output += tokens.path("candidates").asLong(0)
                    + tokens.path("thoughts").asLong(0);
            cached += tokens.path("cached").asLong(0);
        }
        if (input + output > 0) {
            events.add(new AgentEvent.Usage(JsonEvents.usage(input, output, cached, null)));
        }
        JsonNode error = doc.path("error");
        if (error.isObject()) {
            events.add(new AgentEvent.Verdict(true, error.path("message").asText("error"), List.of()));
        } else if (doc.has("response")) {
            events.add(new AgentEvent.Verdict(false, JsonEvents.shorten(response), List.of()));
        }
        return events;
    }
}
