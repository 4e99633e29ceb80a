package io.viberglass.viberator.report;

import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.LogEntry;
import io.viberglass.common.job.LogLevel;
import io.viberglass.common.security.SecretRedactor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scrubs secrets from every message, detail value and error text before it reaches the wrapped reporter. */
public final class RedactingReporter implements JobReporter {
    private static final String TRUNCATED = "... [truncated]";

    private final JobReporter delegate;
    private final SecretRedactor redactor;

    public RedactingReporter(JobReporter delegate, SecretRedactor redactor) {
        this.delegate = delegate;
        this.redactor = redactor;
    }

    @Override
    public void progress(String step, String message, Map<String, Object> details) {
        Map<String, Object> clean = new LinkedHashMap<>();
        details.forEach((key, value) -> clean.put(key, value instanceof String text ? redactor.redact(text) : value));
        delegate.progress(step, limit(redactor.redact(message), 1000), clean);
    }

    @Override
    public void log(LogLevel level, String source, String message) {
        // redact before truncating, so a secret cut in half at the limit cannot slip through
        delegate.log(level, source, limit(redactor.redact(message), LogEntry.MAX_MESSAGE_LENGTH));
    }

    @Override
    public boolean result(JobResult result) {
        return delegate.result(redact(result, redactor));
    }

    /**
     * The result as it may leave the worker: secrets scrubbed from every text field, and fields cut to the sizes the
     * contract allows, so the platform never refuses a result for being too large.
     */
    public static JobResult redact(JobResult result, SecretRedactor redactor) {
        String error = result.errorMessage() == null ? null : limit(redactor.redact(result.errorMessage()), 10_000);
        String document =
                result.documentContent() == null ? null : limit(redactor.redact(result.documentContent()), 1_000_000);
        List<String> files = result.changedFiles().stream()
                .limit(10_000)
                .map(file -> limit(file, 4096))
                .toList();
        return new JobResult(
                result.success(),
                result.outcome(),
                error,
                result.branch(),
                result.commitHash(),
                redactor.redact(result.pullRequestUrl()),
                document,
                files,
                result.executionTimeMs(),
                result.usage());
    }

    @Override
    public void close() {
        delegate.close();
    }

    static String limit(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - TRUNCATED.length()) + TRUNCATED;
    }
}
