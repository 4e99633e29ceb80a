package io.viberglass.platform.webhooks;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.viberglass.common.job.WireEnum;

/** When an auto-executing webhook starts a run: for every matching event, or only for issues with a required label. */
public enum AutoExecuteMode implements WireEnum {
    MATCHING_EVENTS,
    LABEL_GATED;

    @JsonCreator
    public static AutoExecuteMode fromWire(String value) {
        return WireEnum.parse(AutoExecuteMode.class, value);
    }
}
