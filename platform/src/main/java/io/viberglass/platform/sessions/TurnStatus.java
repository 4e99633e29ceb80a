package io.viberglass.platform.sessions;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.viberglass.common.job.WireEnum;

/** A turn's state: an assistant turn is queued with its job, runs, may block on a person, then ends. */
public enum TurnStatus implements WireEnum {
    QUEUED,
    RUNNING,
    BLOCKED,
    COMPLETED,
    FAILED,
    CANCELLED;

    /** Whether the turn's job may still be working (a message sent now waits for it). */
    public boolean inFlight() {
        return this == QUEUED || this == RUNNING || this == BLOCKED;
    }

    @JsonCreator
    public static TurnStatus fromWire(String value) {
        return WireEnum.parse(TurnStatus.class, value);
    }
}
