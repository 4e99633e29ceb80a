package io.viberglass.platform.sessions;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.viberglass.common.job.WireEnum;

public enum RequestStatus implements WireEnum {
    OPEN,
    RESOLVED,
    EXPIRED,
    CANCELLED;

    @JsonCreator
    public static RequestStatus fromWire(String value) {
        return WireEnum.parse(RequestStatus.class, value);
    }
}
