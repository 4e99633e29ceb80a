package io.viberglass.viberator.client;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Prints a run's log lines as they arrive: from the platform's server-sent event stream when it offers one, else (and
 * after a stream breaks off) by polling {@code GET /api/jobs/{id}/logs?afterId=}. Every line exactly once, in order.
 * When following, it stops once the run has ended and its last lines are read.
 */
public final class LogFollower {
    static final int PAGE_SIZE = 1000;

    private final ViberglassClient client;
    private final Sleeper sleeper;
    private final Duration pollInterval;

    public LogFollower(ViberglassClient client, Sleeper sleeper, Duration pollInterval) {
        this.client = client;
        this.sleeper = sleeper;
        this.pollInterval = pollInterval;
    }

    /** Every line written so far; returns the id of the last one. */
    public long printAll(UUID jobId, long afterId, Consumer<LogLine> sink) {
        long after = afterId;
        while (true) {
            LogPage page = client.logs(jobId, after, PAGE_SIZE);
            page.logs().forEach(sink);
            if (page.logs().size() < PAGE_SIZE) {
                return page.nextAfterId();
            }
            after = page.nextAfterId();
        }
    }

    /** Lines as they arrive until the run ends; returns the run as it ended. */
    public Job follow(UUID jobId, long afterId, Consumer<LogLine> sink) throws InterruptedException {
        LogStream.Streamed streamed = new LogStream(client.http(), sleeper).follow(jobId, afterId, sink);
        return poll(jobId, streamed.lastId(), sink);
    }

    private Job poll(UUID jobId, long afterId, Consumer<LogLine> sink) throws InterruptedException {
        long after = afterId;
        while (true) {
            // read the status before the lines: lines written before the run ended are then all in this read
            Job job = client.job(jobId);
            after = printAll(jobId, after, sink);
            if (job.status().isTerminal()) {
                return job;
            }
            sleeper.sleep(pollInterval);
        }
    }
}
