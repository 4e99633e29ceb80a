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
import java.util.Map;

/**
 * Reports to the platform: progress and the result straight away, log lines in batches of at most
 * {@link #MAX_BATCH} entries, flushed when the batch is full or a delay after its first entry, and before the result.
 * Batches go out in order from one sender thread, so a slow platform never blocks the agent's output. Progress
 * failures are ignored (the next heartbeat tries again); log batches and the result are retried for minutes, so they
 * survive a platform restart. Each batch is numbered (0, 1, 2 …) so a retried batch that had in fact arrived is not
 * stored twice.
 */
public final class CallbackReporter implements JobReporter {
    public static final int MAX_BATCH = 10;
    public static final Duration DEFAULT_FLUSH_DELAY = Duration.ofSeconds(2);
    private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration LOGS_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(30);

    private final CallbackClient client;
    private final CallbackClient.RetryPolicy logsRetry;
    private final CallbackClient.RetryPolicy resultRetry;
    private final String jobId;
    private final Clock clock;
    private final Batcher<LogEntry, LogBatch> logs;
    private long nextSequence; // only touched by the batcher's seal, under its lock

    public CallbackReporter(CallbackClient client, String jobId, Clock clock, Duration flushDelay) {
        this(client, CallbackClient.RetryPolicy.LOGS, CallbackClient.RetryPolicy.RESULT, jobId, clock, flushDelay);
    }

    /** With one retry policy for log batches and the result. */
    public CallbackReporter(
            CallbackClient client,
            CallbackClient.RetryPolicy lastingRetry,
            String jobId,
            Clock clock,
            Duration flushDelay) {
        this(client, lastingRetry, lastingRetry, jobId, clock, flushDelay);
    }

    private CallbackReporter(
            CallbackClient client,
            CallbackClient.RetryPolicy logsRetry,
            CallbackClient.RetryPolicy resultRetry,
            String jobId,
            Clock clock,
            Duration flushDelay) {
        this.client = client;
        this.logsRetry = logsRetry;
        this.resultRetry = resultRetry;
        this.jobId = jobId;
        this.clock = clock;
        this.logs = new Batcher<>(
                "callback-log-sender", MAX_BATCH, flushDelay, lines -> new LogBatch(lines, nextSequence++), this::send);
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
        logs.add(new LogEntry(level, message.isEmpty() ? " " : message, source, clock.instant()));
    }

    /** Sends whatever is buffered and waits until every batch queued before it has been sent, in order. */
    public void flush() {
        logs.flush();
    }

    @Override
    public boolean result(JobResult result) {
        flush();
        return client.post(Callbacks.resultPath(jobId), result, RESULT_TIMEOUT, resultRetry)
                .ok();
    }

    @Override
    public void close() {
        logs.close();
    }

    private void send(LogBatch batch) {
        client.post(Callbacks.logBatchPath(jobId), batch, LOGS_TIMEOUT, logsRetry);
    }
}
