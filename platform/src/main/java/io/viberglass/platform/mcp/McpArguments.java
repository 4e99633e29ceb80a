package io.viberglass.platform.mcp;

import io.viberglass.common.job.WireEnum;
import io.viberglass.platform.infra.errors.DomainException;
import java.util.Map;
import java.util.UUID;

/** A tool call's arguments, already checked against the tool's JSON schema; typed getters for the handlers. */
record McpArguments(Map<String, Object> values) {
    McpArguments {
        values = values == null ? Map.of() : values;
    }

    String string(String name) {
        Object value = values.get(name);
        return value == null ? null : value.toString();
    }

    UUID uuid(String name) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("INVALID_ID", name, "must be a UUID");
        }
    }

    int integer(String name, int fallback) {
        Object value = values.get(name);
        return value instanceof Number number ? number.intValue() : fallback;
    }

    <E extends Enum<E> & WireEnum> E wire(Class<E> type, String name) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        try {
            return WireEnum.parse(type, value);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("INVALID_VALUE", name, e.getMessage());
        }
    }
}
