package io.viberglass.viberator.agent;

import io.viberglass.common.job.TokenUsage;
import java.util.List;

/**
 * One thing an agent CLI reported, normalized across the seven output formats. Parsers turn stdout lines into these;
 * the runner logs them and derives the run's verdict and token usage from them.
 */
public sealed interface AgentEvent {

    /** Text the model wrote for the user. */
    record AssistantText(String text) implements AgentEvent {}

    /** The agent called a tool; {@code summary} is a short human form of the input (a path, a command). */
    record ToolUse(String id, String name, String summary) implements AgentEvent {}

    /** A tool call came back. */
    record ToolResult(String id, String output, boolean error) implements AgentEvent {}

    /** The CLI reported an error (an API failure, a retry, a crashed tool). Not necessarily fatal. */
    record AgentError(String message) implements AgentEvent {}

    /** Tokens and cost, as the CLI counted them. Several may arrive; the runner adds them up. */
    record Usage(TokenUsage usage) implements AgentEvent {}

    /**
     * The CLI's own final word on the run.
     *
     * @param error the CLI's error flag (Claude's {@code is_error}, Codex's {@code turn.failed}, Gemini's {@code error})
     * @param message the final text or error message
     * @param permissionDenials tool calls the CLI refused to run: edits that silently did not happen
     */
    record Verdict(boolean error, String message, List<String> permissionDenials) implements AgentEvent {
        public Verdict {
            permissionDenials = permissionDenials == null ? List.of() : List.copyOf(permissionDenials);
        }
    }

    /** Anything else worth a log line: system notices and output that is not in the CLI's format. */
    record Notice(String text) implements AgentEvent {}
}
