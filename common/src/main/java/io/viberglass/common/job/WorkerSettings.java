package io.viberglass.common.job;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * Limits and preferences for one run, already merged by the platform (run overrides → project → clanker → defaults).
 *
 * @param maxExecutionTimeSeconds hard limit for the agent process; it is killed after this
 * @param maxChanges guidance to the agent on how many files it may change
 * @param testRequired whether the agent must add or update tests
 * @param runTests whether the agent should run the tests
 * @param testCommand the command that runs the tests
 * @param codingStandards free-text standards passed to the agent
 */
public record WorkerSettings(
        @Min(1) @Max(86_400) Integer maxExecutionTimeSeconds,
        @Min(1) @Max(200) Integer maxChanges,
        Boolean testRequired,
        Boolean runTests,
        @Size(max = 1000) String testCommand,
        @Size(max = 10_000) String codingStandards) {

    public static final int DEFAULT_MAX_EXECUTION_SECONDS = 2700;

    public static WorkerSettings defaults() {
        return new WorkerSettings(DEFAULT_MAX_EXECUTION_SECONDS, null, false, false, null, null);
    }

    /** The hard time limit in seconds, defaulting when unset. */
    public int timeLimitSeconds() {
        return maxExecutionTimeSeconds == null ? DEFAULT_MAX_EXECUTION_SECONDS : maxExecutionTimeSeconds;
    }
}
