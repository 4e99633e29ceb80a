package io.viberglass.platform.sessions;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.viberglass.common.job.WireEnum;

/** What a pending request waits for: an answer to the agent's question, or a permission decision. */
public enum RequestType implements WireEnum {
    INPUT,
    APPROVAL;

    @JsonCreator
    public static RequestType fromWire(String value) {
        return WireEnum.parse(RequestType.class, value);
    }
}
