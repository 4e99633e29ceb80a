package io.viberglass.viberator.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles pretty-printed, multi-line JSON documents from a line stream by tracking brace and bracket depth outside
 * string literals. Text between documents (banners, warnings) comes back as plain lines.
 */
final class JsonDocuments {
    private final StringBuilder buffer = new StringBuilder();
    private int depth;
    private boolean inString;
    private boolean escaped;

    /** A finished document or a stray line. Exactly one of the two fields is set. */
    record Piece(JsonNode document, String strayLine) {}

    List<Piece> feed(String line) {
        if (depth == 0
                && !line.stripLeading().startsWith("{")
                && !line.stripLeading().startsWith("[")) {
            return line.isBlank() ? List.of() : List.of(new Piece(null, line));
        }
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            buffer.append(c);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && depth > 0 && --depth == 0) {
                pieces.add(complete());
            }
        }
        if (depth > 0) {
            buffer.append('\n');
        } else if (!buffer.toString().isBlank()) {
            pieces.add(new Piece(null, buffer.toString().strip()));
            buffer.setLength(0);
        } else {
            buffer.setLength(0);
        }
        return pieces;
    }

    /** Whatever was left unfinished when the stream closed, as a stray line. */
    List<Piece> finish() {
        String rest = buffer.toString().strip();
        buffer.setLength(0);
        depth = 0;
        return rest.isEmpty() ? List.of() : List.of(new Piece(null, rest));
    }

    private Piece complete() {
        String text = buffer.toString();
        buffer.setLength(0);
        try {
            return new Piece(JsonEvents.MAPPER.readTree(text), null);
        } catch (JsonProcessingException e) {
            return new Piece(null, text.strip());
        }
    }
}
