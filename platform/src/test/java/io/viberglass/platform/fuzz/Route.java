package io.viberglass.platform.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One operation of the served OpenAPI description: method, path template, its parameters and, when it takes one, the
 * (resolved) JSON schema of its body.
 */
record Route(String method, String template, List<String> pathParams, List<String> queryParams, JsonNode bodySchema) {
    String key() {
        return method + " " + template;
    }

    boolean takesBody() {
        return bodySchema != null || method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    /** Every operation in {@code openapi}, with {@code $ref}s to component schemas resolved (one level deep per use). */
    static List<Route> all(JsonNode openapi) {
        List<Route> routes = new ArrayList<>();
        JsonNode schemas = openapi.path("components").path("schemas");
        for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                List<String> pathParams = new ArrayList<>();
                List<String> queryParams = new ArrayList<>();
                for (JsonNode parameter : op.getValue().path("parameters")) {
                    String in = parameter.path("in").asText();
                    if (in.equals("path")) {
                        pathParams.add(parameter.path("name").asText());
                    } else if (in.equals("query")) {
                        queryParams.add(parameter.path("name").asText());
                    }
                }
                JsonNode content = op.getValue().path("requestBody").path("content");
                JsonNode schema = content.path("application/json").path("schema");
                routes.add(new Route(
                        op.getKey().toUpperCase(),
                        path.getKey(),
                        List.copyOf(pathParams),
                        List.copyOf(queryParams),
                        schema.isMissingNode() ? null : resolve(schema, schemas, 0)));
            }
        }
        return routes;
    }

    private static JsonNode resolve(JsonNode schema, JsonNode schemas, int depth) {
        if (schema.has("$ref") && depth < 4) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            return resolve(schemas.path(name), schemas, depth + 1);
        }
        if (!schema.isObject() || depth >= 4) {
            return schema;
        }
        var copy = schema.deepCopy();
        var object = (com.fasterxml.jackson.databind.node.ObjectNode) copy;
        JsonNode properties = schema.path("properties");
        if (properties.isObject()) {
            var resolved = object.putObject("properties");
            properties
                    .fields()
                    .forEachRemaining(p -> resolved.set(p.getKey(), resolve(p.getValue(), schemas, depth + 1)));
        }
        if (schema.has("items")) {
            object.set("items", resolve(schema.get("items"), schemas, depth + 1));
        }
        return copy;
    }
}
