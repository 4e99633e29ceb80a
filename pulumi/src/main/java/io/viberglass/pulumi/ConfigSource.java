package io.viberglass.pulumi;

import com.pulumi.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a stack's settings come from: Pulumi stack configuration ({@code pulumi config set key value}) in a deployment,
 * a plain map in tests. Keys without a namespace belong to the stack's own project; {@code aws:region} is read from
 * the {@code aws} namespace.
 */
@FunctionalInterface
public interface ConfigSource {
    Optional<String> get(String key);

    static ConfigSource of(Context ctx) {
        return key -> {
            int colon = key.indexOf(':');
            return colon < 0
                    ? ctx.config().get(key)
                    : ctx.config(key.substring(0, colon)).get(key.substring(colon + 1));
        };
    }

    static ConfigSource of(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }

    default String require(String key) {
        return get(key).filter(value -> !value.isBlank())
                .orElseThrow(() -> new IllegalArgumentException(
                        "Missing stack configuration '" + key + "': run `pulumi config set " + key + " <value>`"));
    }

    default String string(String key, String fallback) {
        return get(key).filter(value -> !value.isBlank()).orElse(fallback);
    }

    default int integer(String key, int fallback) {
        return get(key).filter(value -> !value.isBlank())
                .map(value -> {
                    try {
                        return Integer.parseInt(value.trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(
                                "Stack configuration '" + key + "' must be a whole number, got '" + value + "'");
                    }
                })
                .orElse(fallback);
    }

    default boolean bool(String key, boolean fallback) {
        return get(key).filter(value -> !value.isBlank())
                .map(value -> switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
                    case "true", "yes", "1" -> true;
                    case "false", "no", "0" -> false;
                    default ->
                        throw new IllegalArgumentException(
                                "Stack configuration '" + key + "' must be true or false, got '" + value + "'");
                })
                .orElse(fallback);
    }

    /** A list given as a comma-separated string or as a YAML/JSON list ({@code ["a","b"]}). */
    default List<String> list(String key, List<String> fallback) {
        return get(key).filter(value -> !value.isBlank())
                .map(value -> Arrays.stream(value.replaceAll("[\\[\\]\"]", "").split(","))
                        .map(String::trim)
                        .filter(item -> !item.isEmpty())
                        .toList())
                .orElse(fallback);
    }
}
