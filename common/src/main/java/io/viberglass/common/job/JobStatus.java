package io.viberglass.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Set;

/** The job status machine: {@code queued → active → completed | failed | cancelled}. */
public enum JobStatus implements WireEnum {
    QUEUED("queued"),
    ACTIVE("active"),
    COMPLETED("completed"),
    FAILED("failed"),
    CANCELLED("cancelled");

    private final String wire;

    JobStatus(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** The states this one may move to. A queued job can fail (invocation gave up) or be cancelled before it runs. */
    public Set<JobStatus> successors() {
        return switch (this) {
            case QUEUED -> Set.of(ACTIVE, FAILED, CANCELLED);
            case ACTIVE -> Set.of(COMPLETED, FAILED, CANCELLED);
            case COMPLETED, FAILED, CANCELLED -> Set.of();
        };
    }

    public boolean canMoveTo(JobStatus next) {
        return successors().contains(next);
    }

    @JsonCreator
    public static JobStatus fromWire(String value) {
        return WireEnum.parse(JobStatus.class, value);
    }
}
