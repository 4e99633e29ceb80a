package io.viberglass.viberator.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/** Polls a run until it ends or the deadline passes. Running past the deadline is an outcome, not an error. */
public final class JobWaiter {
    private final ViberglassClient client;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration pollInterval;

    public JobWaiter(ViberglassClient client, Clock clock, Sleeper sleeper, Duration pollInterval) {
        this.client = client;
        this.clock = clock;
        this.sleeper = sleeper;
        this.pollInterval = pollInterval;
    }

    /** The run when it ended, or when the deadline passed ({@code timedOut}); {@code onPoll} sees every poll. */
    public Waited await(UUID jobId, Duration timeout, Consumer<Job> onPoll) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            Job job = client.job(jobId);
            onPoll.accept(job);
            if (job.status().isTerminal()) {
                return new Waited(job, false);
            }
            if (!clock.instant().isBefore(deadline)) {
                return new Waited(job, true);
            }
            sleeper.sleep(pollInterval);
        }
    }

    /** The last state seen, and whether the wait gave up before the run ended. */
    public record Waited(Job job, boolean timedOut) {
        public Waited {
            Objects.requireNonNull(job, "job");
        }
    }
}
