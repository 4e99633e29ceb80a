package io.viberglass.pulumi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.pulumi.core.Output;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a JSON document (IAM policies, ECS container definitions) whose leaves may be {@link Output}s such as ARNs
 * that are only known once their resources exist. The tree is plain maps, lists, strings and numbers.
 */
final class JsonOutput {
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private JsonOutput() {}

    static Output<String> render(Object tree) {
        List<Output<Object>> pending = new ArrayList<>();
        collect(tree, pending);
        if (pending.isEmpty()) {
            return Output.of(write(tree));
        }
        return Output.all(pending).applyValue(values -> write(resolve(tree, values.iterator())));
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object node, List<Output<Object>> pending) {
        if (node instanceof Output<?> output) {
            pending.add((Output<Object>) output);
        } else if (node instanceof Map<?, ?> map) {
            map.values().forEach(value -> collect(value, pending));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collect(value, pending));
        }
    }

    private static Object resolve(Object node, Iterator<Object> values) {
        if (node instanceof Output<?>) {
            return values.next();
        } else if (node instanceof Map<?, ?> map) {
            Map<Object, Object> resolved = new LinkedHashMap<>();
            map.forEach((key, value) -> resolved.put(key, resolve(value, values)));
            return resolved;
        } else if (node instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            list.forEach(value -> resolved.add(resolve(value, values)));
            return resolved;
        }
        return node;
    }

    private static String write(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render JSON document", e);
        }
    }
}
