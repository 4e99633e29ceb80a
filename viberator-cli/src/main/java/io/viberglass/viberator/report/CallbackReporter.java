package io.viberglass.viberator.report;

import io.viberglass.common.job.Callbacks;
import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.LogBatch;
import io.viberglass.common.job.LogEntry;
import io.viberglass.common.job.LogLevel;
import io.viberglass.common.job.ProgressUpdate;
import io.viberglass.common.job.WorkerInvocation;
import io.viberglass.common.json.Json;
import io.viberglass.common.security.SecretValue;
import io.viberglass.viberator.process.Cancellation;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reports to the platform: progress and the result straight away, log lines in batches of at most
 * {@link #MAX_BATCH} entries, flushed when the batch is full or a delay after its first entry, and before the result.
 * Batches go out in order from one sender thread, so a slow platform never blocks the agent's output. Progress failures are ignored (the next heartbeat tries again); the result is retried by the client.
 */
public final class CallbackReporter implements JobReporter {
    public static final int MAX_BATCH = 10;
    public static final Duration DEFAULT_FLUSH_DELAY = Duration.ofSeconds(2);
    private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration LOGS_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(30);

    private final CallbackClient client;
    private final String jobId;
    private final Clock clock;
    private final Duration flushDelay;
    private final ScheduledExecutorService sender;
    private final Object lock = new Object();
    private List<LogEntry> pending = new ArrayList<>();
    private ScheduledFuture<?> scheduledFlush;

    public CallbackReporter(CallbackClient client, String jobId, Clock clock, Duration flushDelay) {
        this.client = client;
        this.jobId = jobId;
        this.clock = clock;
        this.flushDelay = flushDelay;
        this.sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "callback-log-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A reporter to the platform named in {@code invocation}, with the default retry policy and 2 s log flushes: what
     * {@code viberator job} and the Lambda handler use.
     */
    public static CallbackReporter to(WorkerInvocation invocation, Cancellation cancellation, Clock clock) {
        CallbackClient client = new CallbackClient(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                Json.newMapper(),
                URI.create(invocation.platformApiUrl()),
                invocation.tenantId(),
                SecretValue.of(invocation.callbackToken()),
                cancellation,
                CallbackClient.RetryPolicy.DEFAULT);
        return new CallbackReporter(client, invocation.jobId(), clock, DEFAULT_FLUSH_DELAY);
    }

    @Override
    public void progress(String step, String message, Map<String, Object> details) {
        client.post(Callbacks.progressPath(jobId), new ProgressUpdate(step, message, details), PROGRESS_TIMEOUT);
    }

    @Override
    public void log(LogLevel level, String source, String message) {
        synchronized (lock) {
            pending.add(new LogEntry(level, message.isEmpty() ? " " : message, source, clock.instant()));
            if (pending.size() >= MAX_BATCH) {
                // sent from the sender thread: the agent's output pump must never wait on the network
                List<LogEntry> full = takePending();
                sender.execute(() -> send(full));
            } else if (scheduledFlush == null) {
                scheduledFlush = sender.schedule(this::sendPending, flushDelay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Sends whatever is buffered and waits until every batch queued before it has been sent, in order. */
    public void flush() {
        try {
            sender.submit(this::sendPending).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RejectedExecutionException e) {
            // the batch is lost; logs are best effort and the result still goes out
        }
    }

    private void sendPending() {
        List<LogEntry> batch;
        synchronized (lock) {
            batch = takePending();
        }
        if (!batch.isEmpty()) {
            send(batch);
        }
    }

    @Override
    public boolean result(JobResult result) {
        flush();
        return client.post(Callbacks.resultPath(jobId), result, RESULT_TIMEOUT).ok();
    }

    @Override
    public void close() {
        flush();
        sender.shutdownNow();
    }

    private List<LogEntry> takePending() {
        List<LogEntry> batch = pending;
        pending = new ArrayList<>();
        if (scheduledFlush != null) {
            scheduledFlush.cancel(false);
            scheduledFlush = null;
        }
        return batch;
    }

    private void send(List<LogEntry> batch) {
        client.post(Callbacks.logBatchPath(jobId), new LogBatch(batch), LOGS_TIMEOUT);
    }
}
