package io.viberglass.viberator.report;

import io.viberglass.common.job.Callbacks;
import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.LogBatch;
import io.viberglass.common.job.LogEntry;
import io.viberglass.common.job.LogLevel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Log lines of a process that runs beside a job's worker (the egress proxy) into that job's log. Its batches carry no
 * sequence number: the numbers belong to the worker's own batches, and the platform would take one of ours for a
 * resent batch of the worker's and drop it. Each line goes out on its own from a background thread, so the caller
 * never waits on the network; there are few (each refused host once).
 */
public final class SidecarLogReporter implements JobReporter {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final CallbackClient client;
    private final String jobId;
    private final Clock clock;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sidecar-log-sender");
        thread.setDaemon(true);
        return thread;
    });

    public SidecarLogReporter(CallbackClient client, String jobId, Clock clock) {
        this.client = client;
        this.jobId = jobId;
        this.clock = clock;
    }

    @Override
    public void progress(String step, String message, Map<String, Object> details) {
        // a sidecar has no steps of its own
    }

    @Override
    public void log(LogLevel level, String source, String message) {
        LogBatch batch = new LogBatch(List.of(new LogEntry(level, message, source, clock.instant())), null);
        try {
            sender.execute(() ->
                    client.post(Callbacks.logBatchPath(jobId), batch, TIMEOUT, CallbackClient.RetryPolicy.DEFAULT));
        } catch (RejectedExecutionException e) {
            // closed: the proxy is stopping
        }
    }

    @Override
    public boolean result(JobResult result) {
        return false; // the worker reports the result, never a sidecar
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
