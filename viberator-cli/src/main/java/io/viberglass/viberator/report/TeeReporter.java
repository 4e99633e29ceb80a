package io.viberglass.viberator.report;

import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.LogLevel;
import java.util.List;
import java.util.Map;

/** Sends everything to several reporters (the platform and the terminal); the result counts if the first took it. */
public final class TeeReporter implements JobReporter {
    private final List<JobReporter> reporters;

    public TeeReporter(List<JobReporter> reporters) {
        if (reporters.isEmpty()) {
            throw new IllegalArgumentException("at least one reporter");
        }
        this.reporters = List.copyOf(reporters);
    }

    @Override
    public void progress(String step, String message, Map<String, Object> details) {
        reporters.forEach(r -> r.progress(step, message, details));
    }

    @Override
    public void log(LogLevel level, String source, String message) {
        reporters.forEach(r -> r.log(level, source, message));
    }

    @Override
    public boolean result(JobResult result) {
        boolean first = reporters.get(0).result(result);
        reporters.subList(1, reporters.size()).forEach(r -> r.result(result));
        return first;
    }

    @Override
    public void close() {
        reporters.forEach(JobReporter::close);
    }
}
