package io.viberglass.common.job;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** An enum whose JSON and database form is a lower-case id such as {@code claude-code} or {@code in_review}. */
public interface WireEnum {
    /** The wire id; by default the constant's name in lower case. Jackson reads and writes enums by it. */
    @JsonValue
    default String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    String name();

    /**
     * Looks up a constant by its wire id (case-insensitive); an unknown id is an {@link IllegalArgumentException}
     * naming the allowed values, which the platform turns into a 400 with the field named.
     */
    static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String value) {
        if (value != null) {
            String wanted = value.trim();
            for (E constant : type.getEnumConstants()) {
                if (constant.wire().equalsIgnoreCase(wanted)) {
                    return constant;
                }
            }
        }
        throw new IllegalArgumentException("Unknown value '" + value + "'; expected one of " + allowed(type));
    }

    static <E extends Enum<E> & WireEnum> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(WireEnum::wire)
                .toList()
                .toString();
    }
}
