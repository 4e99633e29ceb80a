package io.viberglass.platform.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds a plausible body from a route's schema, then spoils it with a {@link Malformation}'s edits. */
final class JsonBodies {
    private JsonBodies() {}

    static JsonNode edited(ObjectMapper mapper, JsonNode schema, List<Malformation.Edit> edits, Seeds seeds) {
        JsonNode skeleton = schema == null ? mapper.createObjectNode() : skeleton(mapper, schema, "body", seeds, 0);
        if (!(skeleton instanceof ObjectNode object)) {
            return skeleton;
        }
        for (Malformation.Edit edit : edits) {
            List<String> fields = new ArrayList<>();
            object.fieldNames().forEachRemaining(fields::add);
            if (edit.op().equals("add") || fields.isEmpty()) {
                object.set(edit.extraName(), value(mapper, edit.value()));
            } else if (edit.op().equals("remove")) {
                object.remove(fields.get(edit.field() % fields.size()));
            } else {
                object.set(fields.get(edit.field() % fields.size()), value(mapper, edit.value()));
            }
        }
        return object;
    }

    static JsonNode value(ObjectMapper mapper, Object value) {
        return value == BadInput.NULL ? NullNode.getInstance() : mapper.valueToTree(value);
    }

    /** A value that satisfies the schema as far as types go; ids point at seeded entities. */
    static JsonNode skeleton(ObjectMapper mapper, JsonNode schema, String name, Seeds seeds, int depth) {
        String type = schema.path("type").asText("object");
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(0);
        }
        switch (type) {
            case "string" -> {
                String seeded = seeds.field(name);
                if (seeded != null) {
                    return mapper.getNodeFactory().textNode(seeded);
                }
                String format = schema.path("format").asText("");
                return mapper.getNodeFactory()
                        .textNode(
                                switch (format) {
                                    case "uuid" -> UUID.randomUUID().toString();
                                    case "date-time" -> "2030-01-01T00:00:00Z";
                                    case "email" -> "fuzz@example.test";
                                    case "uri" -> "https://example.test/x";
                                    default -> "fuzz " + name;
                                });
            }
            case "integer", "number" -> {
                return mapper.getNodeFactory().numberNode(1);
            }
            case "boolean" -> {
                return mapper.getNodeFactory().booleanNode(true);
            }
            case "array" -> {
                ArrayNode array = mapper.createArrayNode();
                if (depth < 3 && schema.has("items")) {
                    array.add(skeleton(mapper, schema.get("items"), name, seeds, depth + 1));
                }
                return array;
            }
            default -> {
                ObjectNode object = mapper.createObjectNode();
                if (depth < 3) {
                    for (var it = schema.path("properties").fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> property = it.next();
                        object.set(
                                property.getKey(),
                                skeleton(mapper, property.getValue(), property.getKey(), seeds, depth + 1));
                    }
                }
                return object;
            }
        }
    }
}
