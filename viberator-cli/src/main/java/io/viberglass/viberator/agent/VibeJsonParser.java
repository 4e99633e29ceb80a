package io.viberglass.viberator.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Mistral Vibe's {@code --output json}: pretty-printed chat messages (an array of them, or one object after another)
 * spread over many lines.
 */
final class VibeJsonParser implements OutputParser {
    private final JsonDocuments documents = new JsonDocuments();

    @Override
    public List<AgentEvent> onLine(String line) {
        return events(documents.feed(line));
    }

    @Override
    public List<AgentEvent> finish() {
        return events(documents.finish());
    }

    private static List<AgentEvent> events(List<JsonDocuments.Piece> pieces) {
        List<AgentEvent> events = new ArrayList<>();
        for (JsonDocuments.Piece piece : pieces) {
            JsonNode doc = piece.document();
            if (doc == null) {
                events.add(new AgentEvent.Notice(piece.strayLine()));
            } else if (doc.isArray()) {
                doc.forEach(message -> events.addAll(ChatMessages.events(message)));
            } else {
                events.addAll(ChatMessages.events(doc));
            }
        }
        return events;
    }
}
