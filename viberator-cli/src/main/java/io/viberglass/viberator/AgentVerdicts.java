package io.viberglass.viberator;

import io.viberglass.common.job.RunOutcome;
import io.viberglass.viberator.agent.AgentEvent;
import io.viberglass.viberator.agent.AgentHarness;
import io.viberglass.viberator.process.ProcessResult;
import java.time.Duration;

/**
 * Decides whether an agent run succeeded. Exit codes lie (Claude exits 0 after denied edits, 1 after API errors with
 * {@code subtype: success}), so success needs all three: a clean exit 0, the CLI's own error flag clear, and no
 * refused tool calls. A process the worker killed is never a success.
 */
final class AgentVerdicts {
    private AgentVerdicts() {}

    static void check(AgentHarness harness, AgentExecution.Outcome outcome, Duration limit) throws RunFailure {
        String name = harness.type().displayName();
        ProcessResult process = outcome.process();
        AgentTranscript transcript = outcome.transcript();
        switch (process.ending()) {
            case CANCELLED ->
                throw new RunFailure(RunOutcome.CANCELLED, name + " was stopped because the run was cancelled");
            case TIMED_OUT ->
                throw new RunFailure(
                        RunOutcome.TIMED_OUT,
                        name + " ran past its limit of " + limit.toSeconds() + " s and was killed");
            case EXITED -> {
                // judged below
            }
        }
        String detail = transcript.failureDetail();
        if (process.exitCode() != 0) {
            String how = process.killedBySignal()
                    ? "was killed by signal " + (process.exitCode() - 128)
                    : "exited with code " + process.exitCode();
            throw new RunFailure(RunOutcome.AGENT_FAILED, name + " " + how + (detail.isBlank() ? "" : ": " + detail));
        }
        AgentEvent.Verdict verdict = transcript.verdict();
        if (verdict != null && verdict.error()) {
            throw new RunFailure(RunOutcome.AGENT_FAILED, name + " reported an error: " + detail);
        }
        if (verdict != null && !verdict.permissionDenials().isEmpty()) {
            throw new RunFailure(
                    RunOutcome.AGENT_FAILED,
                    name + " was refused permission for " + String.join(", ", verdict.permissionDenials())
                            + "; its changes may be incomplete");
        }
    }
}
