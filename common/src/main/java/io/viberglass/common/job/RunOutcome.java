package io.viberglass.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a worker run ended, as the worker saw it. Outcomes are data: only {@link #SUCCEEDED} is a success; the platform
 * turns every other outcome into a classified {@link FailureCode}.
 */
public enum RunOutcome implements WireEnum {
    SUCCEEDED("succeeded", null),
    NO_CHANGES("no_changes", FailureCode.NO_CHANGES),
    DOCUMENT_MISSING("document_missing", FailureCode.DOCUMENT_MISSING),
    AGENT_FAILED("agent_failed", FailureCode.AGENT_FAILED),
    AGENT_NOT_INSTALLED("agent_not_installed", FailureCode.AGENT_NOT_INSTALLED),
    TIMED_OUT("timed_out", FailureCode.AGENT_TIMEOUT),
    CANCELLED("cancelled", FailureCode.CANCELLED),
    REPOSITORY_ACCESS_FAILED("repository_access_failed", FailureCode.REPOSITORY_ACCESS_FAILED),
    SCM_CREDENTIAL_INVALID("scm_credential_invalid", FailureCode.SCM_CREDENTIAL_INVALID),
    PUSH_REJECTED("push_rejected", FailureCode.PUSH_REJECTED),
    PULL_REQUEST_FAILED("pull_request_failed", FailureCode.PULL_REQUEST_FAILED),
    CONFIG_INVALID("config_invalid", FailureCode.CONFIG_INVALID),
    INTERNAL_ERROR("internal_error", FailureCode.RUN_FAILED);

    private final String wire;
    private final FailureCode failureCode;

    RunOutcome(String wire, FailureCode failureCode) {
        this.wire = wire;
        this.failureCode = failureCode;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    public boolean isSuccessful() {
        return this == SUCCEEDED;
    }

    /** The failure this outcome stands for; {@code null} for {@link #SUCCEEDED}. */
    public FailureCode failureCode() {
        return failureCode;
    }

    @JsonCreator
    public static RunOutcome fromWire(String value) {
        return WireEnum.parse(RunOutcome.class, value);
    }
}
