package io.viberglass.platform.feedback;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.viberglass.common.job.WireEnum;

/** What feedback reports. {@code test} is a test send from the API. */
public enum FeedbackEventType implements WireEnum {
    JOB_STARTED,
    JOB_ENDED,
    APPROVAL_REQUESTED,
    PULL_REQUEST_OPENED,
    TEST;

    @JsonCreator
    public static FeedbackEventType fromWire(String value) {
        return WireEnum.parse(FeedbackEventType.class, value);
    }
}
