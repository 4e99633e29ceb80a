package io.viberglass.platform.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Null-safe reads from a provider's JSON. */
final class Nodes {
    private Nodes() {}

    /** The text at {@code pointer}, or {@code null} when absent, null or not a value. */
    static String text(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    static String text(JsonNode node, String pointer, String fallback) {
        String value = text(node, pointer);
        return value == null ? fallback : value;
    }

    /** {@code field} of every element of the array at {@code pointer} (label names). */
    static List<String> texts(JsonNode node, String pointer, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode element : node.at(pointer)) {
            String value =
                    field == null ? (element.isValueNode() ? element.asText() : null) : text(element, "/" + field);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
