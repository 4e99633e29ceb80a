package io.viberglass.viberator.credentials;

import io.viberglass.common.security.SecretRedactor;
import io.viberglass.common.security.SecretValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The secret values a job was given, by name. {@link #toString()} shows names only. */
public final class Credentials {
    private final Map<String, SecretValue> values;

    public Credentials(Map<String, SecretValue> values) {
        this.values = Map.copyOf(values);
    }

    public static Credentials none() {
        return new Credentials(Map.of());
    }

    public Optional<SecretValue> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The first of {@code names} that is present and not empty. */
    public Optional<SecretValue> first(Collection<String> names) {
        for (String name : names) {
            SecretValue value = values.get(name);
            if (value != null && !value.isEmpty()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** A copy with more values; existing names keep their value. */
    public Credentials with(Map<String, SecretValue> more) {
        Map<String, SecretValue> merged = new LinkedHashMap<>(more);
        merged.putAll(values);
        return new Credentials(merged);
    }

    /** A redactor that scrubs every value held here, plus the well-known token shapes. */
    public SecretRedactor redactor() {
        List<String> known = new ArrayList<>();
        values.values().forEach(value -> known.add(value.reveal()));
        return SecretRedactor.shapesOnly().withKnownValues(known);
    }

    public List<String> names() {
        return values.keySet().stream().sorted().toList();
    }

    @Override
    public String toString() {
        return "Credentials" + names();
    }
}
