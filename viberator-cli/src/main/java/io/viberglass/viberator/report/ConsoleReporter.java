package io.viberglass.viberator.report;

import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.LogLevel;
import java.io.PrintWriter;
import java.util.Map;

/**
 * Human-readable progress for a terminal: every step, warnings and errors, and the agent's own words. With
 * {@code verbose} every log line is shown. Writes to the stream it is given (the CLI passes picocli's error writer).
 */
public final class ConsoleReporter implements JobReporter {
    private final PrintWriter out;
    private final boolean verbose;

    public ConsoleReporter(PrintWriter out, boolean verbose) {
        this.out = out;
        this.verbose = verbose;
    }

    @Override
    public synchronized void progress(String step, String message, Map<String, Object> details) {
        if (!"heartbeat".equals(step) || verbose) {
            out.println("==> " + message);
            out.flush();
        }
    }

    @Override
    public synchronized void log(LogLevel level, String source, String message) {
        boolean agentSpeaks = source != null && source.endsWith(":stdout") && message.startsWith("assistant: ");
        if (verbose || agentSpeaks || level == LogLevel.WARN || level == LogLevel.ERROR) {
            String prefix = level == LogLevel.INFO ? "    " : "    " + level.wire() + ": ";
            out.println(prefix + message);
            out.flush();
        }
    }

    @Override
    public synchronized boolean result(JobResult result) {
        out.println(
                result.success()
                        ? "==> Done: " + result.outcome().wire()
                        : "==> Failed (" + result.outcome().wire() + "): " + result.errorMessage());
        out.flush();
        return true;
    }

    @Override
    public void close() {
        out.flush();
    }
}
