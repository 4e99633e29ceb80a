package io.viberglass.platform.sessions;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.viberglass.common.job.WireEnum;

/** Who a turn belongs to: a person's message, or the agent's work on the messages before it. */
public enum TurnRole implements WireEnum {
    USER,
    ASSISTANT,
    SYSTEM;

    @JsonCreator
    public static TurnRole fromWire(String value) {
        return WireEnum.parse(TurnRole.class, value);
    }
}
