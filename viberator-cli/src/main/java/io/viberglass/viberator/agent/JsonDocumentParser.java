package io.viberglass.viberator.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A parser for agents that print whole (often pretty-printed) JSON documents: {@link JsonDocuments} assembles them, a
 * stray line between documents becomes a notice, and each document's events are the format's own {@link #document}.
 */
abstract class JsonDocumentParser implements OutputParser {
    private final JsonDocuments documents = new JsonDocuments();

    /** The events of one complete document. */
    abstract List<AgentEvent> document(JsonNode doc);

    @Override
    public final List<AgentEvent> onLine(String line) {
        return events(documents.feed(line));
    }

    @Override
    public final List<AgentEvent> finish() {
        return events(documents.finish());
    }

    private List<AgentEvent> events(List<JsonDocuments.Piece> pieces) {
        List<AgentEvent> events = new ArrayList<>();
        for (JsonDocuments.Piece piece : pieces) {
            if (piece.document() == null) {
                events.add(new AgentEvent.Notice(piece.strayLine()));
            } else {
                events.addAll(document(piece.document()));
            }
        }
        return events;
    }
}
