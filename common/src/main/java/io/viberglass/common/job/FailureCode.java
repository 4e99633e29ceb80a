package io.viberglass.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Classified reasons a job failed, each with the sentence a user sees and whether running it again may help. */
public enum FailureCode implements WireEnum {
    SCM_CREDENTIAL_INVALID(
            "The repository credential was rejected. Replace the SCM token in the project settings.", false),
    REPOSITORY_ACCESS_FAILED(
            "The repository or its base branch could not be read. Check the URL, the branch and access rights.", false),
    AGENT_QUOTA_EXHAUSTED(
            "The model provider refused the request for quota or rate limits. Check the account's credits.", false),
    AGENT_RUNNER_UNAVAILABLE("No agent runner could be started for this job. Start a clanker and try again.", true),
    AGENT_NOT_INSTALLED("The agent's command-line tool is not installed in the worker image.", false),
    AGENT_FAILED("The agent ended with an error before finishing the task.", true),
    AGENT_TIMEOUT("The agent ran past its time limit and was stopped.", true),
    DOCUMENT_MISSING("The agent finished without writing the expected document.", true),
    NO_CHANGES("The agent finished without changing any file, so no pull request was opened.", true),
    PUSH_REJECTED("The git server rejected the push of the work branch.", true),
    PULL_REQUEST_FAILED("The branch was pushed but the pull request could not be opened.", true),
    CONFIG_INVALID("The job's configuration is invalid.", false),
    INVOCATION_FAILED("The worker could not be started.", true),
    HEARTBEAT_TIMEOUT("The worker stopped reporting progress and was presumed dead.", true),
    ORPHANED("The job ran past the maximum run time without a result.", true),
    CANCELLED("The run was cancelled.", false),
    AGENT_STUCK("The agent produced no output for too long and was stopped as stuck.", true),
    BUDGET_EXCEEDED(
            "The run reached a cost budget (per run or per month) and was stopped. Raise the budget to run again.",
            false),
    RUN_FAILED("The run failed.", true);

    private final String summary;
    private final boolean retryable;

    FailureCode(String summary, boolean retryable) {
        this.summary = summary;
        this.retryable = retryable;
    }

    @Override
    @JsonValue
    public String wire() {
        return name();
    }

    public String summary() {
        return summary;
    }

    public boolean retryable() {
        return retryable;
    }

    @JsonCreator
    public static FailureCode fromWire(String value) {
        return WireEnum.parse(FailureCode.class, value);
    }
}
