package io.viberglass.viberator.report;

import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.LogEntry;
import io.viberglass.common.job.LogLevel;
import io.viberglass.common.security.SecretRedactor;
import java.util.LinkedHashMap;
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
        String error = result.errorMessage() == null ? null : limit(redactor.redact(result.errorMessage()), 10_000);
        return delegate.result(new JobResult(
                result.success(),
                result.outcome(),
                error,
                result.branch(),
                result.commitHash(),
                redactor.redact(result.pullRequestUrl()),
                result.documentContent() == null ? null : redactor.redact(result.documentContent()),
                result.changedFiles(),
                result.executionTimeMs(),
                result.usage()));
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
