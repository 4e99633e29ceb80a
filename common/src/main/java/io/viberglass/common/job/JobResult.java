package io.viberglass.common.job;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of the result callback ({@code POST /api/jobs/{id}/result}): how the run ended and what it produced.
 *
 * @param success whether the run achieved its goal; always equals {@code outcome.isSuccessful()}
 * @param outcome how the run ended, as the worker saw it
 * @param errorMessage a human summary of a failure, already redacted
 * @param branch the pushed work branch (execution, claw)
 * @param commitHash the commit pushed (execution, claw)
 * @param pullRequestUrl the pull request opened or updated (execution, claw)
 * @param documentContent the RESEARCH.md or PLAN.md the agent wrote (research, planning)
 * @param changedFiles paths the run changed
 * @param executionTimeMs wall time of the whole run
 * @param usage tokens and cost the agent reported, if it reports them
 */
public record JobResult(
        boolean success,
        @NotNull RunOutcome outcome,
        @Size(max = 10_000) String errorMessage,
        @Size(max = 255) String branch,
        @Size(max = 64) String commitHash,
        @Size(max = 2000) String pullRequestUrl,
        @Size(max = 1_000_000) String documentContent,
        @Size(max = 10_000) List<@NotNull @Size(max = 4096) String> changedFiles,
        @Min(0) long executionTimeMs,
        @Valid TokenUsage usage) {

    public JobResult {
        changedFiles = changedFiles == null ? List.of() : List.copyOf(changedFiles);
    }

    public static JobResult failure(RunOutcome outcome, String errorMessage, long executionTimeMs) {
        return new JobResult(false, outcome, errorMessage, null, null, null, null, List.of(), executionTimeMs, null);
    }
}
