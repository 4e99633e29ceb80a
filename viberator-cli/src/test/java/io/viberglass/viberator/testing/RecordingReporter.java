package io.viberglass.viberator.testing;

import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.LogLevel;
import io.viberglass.viberator.report.JobReporter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps everything a run reported, for assertions. */
public final class RecordingReporter implements JobReporter {
    public record Progress(String step, String message, Map<String, Object> details) {}

    public record Log(LogLevel level, String source, String message) {}

    public final List<Progress> progress = new CopyOnWriteArrayList<>();
    public final List<Log> logs = new CopyOnWriteArrayList<>();
    public final List<JobResult> results = new CopyOnWriteArrayList<>();

    @Override
    public void progress(String step, String message, Map<String, Object> details) {
        progress.add(new Progress(step, message, details));
    }

    @Override
    public void log(LogLevel level, String source, String message) {
        logs.add(new Log(level, source, message));
    }

    @Override
    public boolean result(JobResult result) {
        results.add(result);
        return true;
    }

    @Override
    public void close() {}

    /** Every text this reporter saw, for "no secret anywhere" assertions. */
    public String everything() {
        StringBuilder all = new StringBuilder();
        progress.forEach(p -> all.append(p).append('\n'));
        logs.forEach(l -> all.append(l).append('\n'));
        results.forEach(r -> all.append(r).append('\n'));
        return all.toString();
    }
}
