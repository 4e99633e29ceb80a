package io.viberglass.platform.dispatch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of a clanker's {@code deploymentConfig} for invokers. A value of the wrong shape is a permanent
 * invocation failure naming the key, since retrying cannot fix a clanker's configuration.
 */
public record RuntimeConfig(String strategy, Map<String, Object> values) {
    public RuntimeConfig {
        values = values == null ? Map.of() : values;
    }

    public Optional<String> string(String key) {
        Object value = values.get(key);
        if (value == null || (value instanceof String text && text.isBlank())) {
            return Optional.empty();
        }
        return Optional.of(value.toString().trim());
    }

    public String required(String key) throws InvocationException {
        return string(key)
                .orElseThrow(() -> InvocationException.permanent(
                        "The " + strategy + " clanker has no deploymentConfig." + key, null));
    }

    public List<String> strings(String key) throws InvocationException {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String text) {
            return List.of(text.split("\\s*,\\s*")).stream()
                    .filter(item -> !item.isBlank())
                    .toList();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        throw invalid(key, "a list of strings");
    }

    public Optional<Double> number(String key) throws InvocationException {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number number) {
            return Optional.of(number.doubleValue());
        }
        try {
            return Optional.of(Double.parseDouble(value.toString().trim()));
        } catch (NumberFormatException e) {
            throw invalid(key, "a number");
        }
    }

    public Optional<Boolean> bool(String key) throws InvocationException {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean flag) {
            return Optional.of(flag);
        }
        String text = value.toString().trim().toLowerCase(java.util.Locale.ROOT);
        return switch (text) {
            case "true", "enabled", "yes" -> Optional.of(true);
            case "false", "disabled", "no" -> Optional.of(false);
            default -> throw invalid(key, "true or false");
        };
    }

    /** A map of plain (non-secret) strings, such as extra environment variables. */
    public Map<String, String> stringMap(String key) throws InvocationException {
        Object value = values.get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(key, "an object of strings");
        }
        Map<String, String> result = new LinkedHashMap<>();
        map.forEach((name, item) -> result.put(String.valueOf(name), item == null ? "" : String.valueOf(item)));
        return result;
    }

    private InvocationException invalid(String key, String expected) {
        return InvocationException.permanent(
                "deploymentConfig." + key + " of the " + strategy + " clanker must be " + expected, null);
    }
}
