package io.viberglass.viberator.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Mistral Vibe's {@code --output json}: pretty-printed chat messages (an array of them, or one object after another)
 * spread over many lines.
 */
final class VibeJsonParser extends JsonDocumentParser {
    @Override
    List<AgentEvent> document(JsonNode doc) {
        if (!doc.isArray()) {
            return ChatMessages.events(doc);
        }
        List<AgentEvent> events = new ArrayList<>();
        doc.forEach(message -> events.addAll(ChatMessages.events(message)));
        return events;
    }
}
