package io.viberglass.platform.sessions;

import io.viberglass.common.security.SecretRedactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scrubs every string in an event payload, however deeply nested (tool inputs and outputs are free-form JSON). */
final class Redaction {
    private Redaction() {}

    static Map<String, Object> redact(Map<String, Object> payload, SecretRedactor redactor) {
        Map<String, Object> clean = new LinkedHashMap<>();
        payload.forEach((key, value) -> clean.put(key, value(value, redactor)));
        return clean;
    }

    @SuppressWarnings("unchecked")
    private static Object value(Object value, SecretRedactor redactor) {
        if (value instanceof String text) {
            return redactor.redact(text);
        }
        if (value instanceof Map<?, ?> map) {
            return redact((Map<String, Object>) map, redactor);
        }
        if (value instanceof List<?> list) {
            List<Object> clean = new ArrayList<>(list.size());
            list.forEach(item -> clean.add(value(item, redactor)));
            return clean;
        }
        return value;
    }
}
