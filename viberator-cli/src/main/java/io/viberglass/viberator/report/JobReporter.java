package io.viberglass.viberator.report;

import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.LogLevel;
import java.util.Map;

/**
 * Where a run reports to: the platform's callback API, the terminal, or both. The runner wraps every reporter in a
 * {@link RedactingReporter}, so implementations receive text that is already scrubbed of the job's secrets.
 * Implementations must be thread-safe: log lines arrive from the agent's output pumps.
 */
public interface JobReporter extends AutoCloseable {

    /** A pipeline step started or finished; also the heartbeat ({@code step = "heartbeat"}). Best effort. */
    void progress(String step, String message, Map<String, Object> details);

    /** One log line; {@code source} is {@code viberator} or {@code agent:<id>:stdout|stderr}. */
    void log(LogLevel level, String source, String message);

    /**
     * The final result. Flushes pending logs first.
     *
     * @return whether the result reached its destination
     */
    boolean result(JobResult result);

    /** Flushes and releases resources; never throws. */
    @Override
    void close();

    /** A reporter that drops everything, for library callers that only want the returned result. */
    static JobReporter discarding() {
        return new JobReporter() {
            @Override
            public void progress(String step, String message, Map<String, Object> details) {}

            @Override
            public void log(LogLevel level, String source, String message) {}

            @Override
            public boolean result(JobResult result) {
                return true;
            }

            @Override
            public void close() {}
        };
    }
}
