package io.viberglass.viberator;

import io.viberglass.common.job.LogLevel;
import io.viberglass.common.job.TokenUsage;
import io.viberglass.viberator.agent.AgentEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What the runner keeps from an agent's output while logging it: summed token usage, the CLI's verdict, and the last
 * errors and stderr lines for the failure message. Thread-safe (stdout and stderr pumps both write).
 */
final class AgentTranscript {
    private static final int TAIL = 5;

    private TokenUsage usage;
    private AgentEvent.Verdict verdict;
    private final Deque<String> errors = new ArrayDeque<>();
    private final Deque<String> stderr = new ArrayDeque<>();

    synchronized void record(AgentEvent event) {
        if (event instanceof AgentEvent.Usage u) {
            usage = usage == null ? u.usage() : usage.plus(u.usage());
        } else if (event instanceof AgentEvent.Verdict v) {
            verdict = v;
        } else if (event instanceof AgentEvent.AgentError e) {
            keep(errors, e.message());
        }
    }

    synchronized void stderrLine(String line) {
        if (!line.isBlank()) {
            keep(stderr, line);
        }
    }

    synchronized TokenUsage usage() {
        return usage;
    }

    synchronized AgentEvent.Verdict verdict() {
        return verdict;
    }

    /** The most useful explanation of a failure: the verdict's message, else the last errors, else stderr. */
    synchronized String failureDetail() {
        if (verdict != null && verdict.error() && !verdict.message().isBlank()) {
            return verdict.message();
        }
        if (!errors.isEmpty()) {
            return String.join(" | ", errors);
        }
        return String.join(" | ", stderr);
    }

    private static void keep(Deque<String> tail, String line) {
        tail.addLast(line.length() > 500 ? line.substring(0, 500) + "…" : line);
        while (tail.size() > TAIL) {
            tail.removeFirst();
        }
    }

    /** How an event reads in the job log. */
    static LogLevel level(AgentEvent event) {
        if (event instanceof AgentEvent.AgentError) {
            return LogLevel.WARN;
        }
        if (event instanceof AgentEvent.Verdict v && v.error()) {
            return LogLevel.ERROR;
        }
        if (event instanceof AgentEvent.ToolResult r && r.error()) {
            return LogLevel.WARN;
        }
        return LogLevel.INFO;
    }

    static String describe(AgentEvent event) {
        if (event instanceof AgentEvent.AssistantText t) {
            return "assistant: " + t.text();
        }
        if (event instanceof AgentEvent.ToolUse t) {
            return "tool: " + t.name() + (t.summary().isEmpty() ? "" : " " + t.summary());
        }
        if (event instanceof AgentEvent.ToolResult r) {
            return (r.error() ? "tool failed: " : "tool result: ") + r.output();
        }
        if (event instanceof AgentEvent.AgentError e) {
            return "error: " + e.message();
        }
        if (event instanceof AgentEvent.Usage u) {
            TokenUsage usage = u.usage();
            return "usage: input " + usage.inputTokens() + ", output " + usage.outputTokens() + ", cached "
                    + usage.cachedInputTokens()
                    + (usage.costUsd() == null
                            ? ""
                            : ", cost $" + usage.costUsd().toPlainString());
        }
        if (event instanceof AgentEvent.Verdict v) {
            return "result: " + (v.error() ? "error" : "ok") + (v.message().isBlank() ? "" : " - " + v.message())
                    + (v.permissionDenials().isEmpty()
                            ? ""
                            : " (denied: " + String.join(", ", v.permissionDenials()) + ")");
        }
        return ((AgentEvent.Notice) event).text();
    }

    static List<String> describeAll(List<AgentEvent> events) {
        return events.stream().map(AgentTranscript::describe).toList();
    }
}
