package io.viberglass.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public enum LogLevel implements WireEnum {
    DEBUG("debug"),
    INFO("info"),
    WARN("warn"),
    ERROR("error");

    private final String wire;

    LogLevel(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static LogLevel fromWire(String value) {
        if ("warning".equalsIgnoreCase(value)) {
            return WARN;
        }
        return WireEnum.parse(LogLevel.class, value);
    }
}
