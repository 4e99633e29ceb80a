package io.viberglass.platform.llm;

import io.dropwizard.lifecycle.Managed;
import io.viberglass.common.job.FailureCode;
import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.jobs.JobLifecycle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stuck-run detection by progress. Heartbeats show that a worker lives, not that its agent does anything: a run whose
 * agent wrote no output for {@code stuckAfter} (per clanker, else the platform's default) is flagged as stuck, and
 * stopped with {@code AGENT_STUCK} when it stays silent {@code grace} longer. A run whose latest tool calls are the same
 * call {@code repeatedToolCallLimit} times in a row is flagged as looping. Flags are job progress steps and audit
 * events; running it on every replica is safe (flags are rows, written once).
 */
public class StuckRunDetector implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(StuckRunDetector.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final StuckRunSettings settings;
    private final JobLifecycle lifecycle;
    private final AuditLog audit;
    private final RunStopper stopper;
    private ScheduledExecutorService timer;

    public StuckRunDetector(
            Jdbi jdbi,
            Clock clock,
            StuckRunSettings settings,
            JobLifecycle lifecycle,
            AuditLog audit,
            RunStopper stopper) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.settings = settings;
        this.lifecycle = lifecycle;
        this.audit = audit;
        this.stopper = stopper;
    }

    @Override
    public void start() {
        long every = Math.max(1, settings.getCheckInterval().toMilliseconds());
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "stuck-runs");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::checkQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("Stuck-run check failed: {}", e.getMessage());
        }
    }

    /** One pass over the running jobs. */
    public void check() {
        Instant now = clock.instant();
        for (StuckRunDao.Running run : jdbi.withExtension(StuckRunDao.class, StuckRunDao::running)) {
            silence(run, now);
            loop(run, now);
        }
    }

    private void silence(StuckRunDao.Running run, Instant now) {
        Duration after = run.stuckAfterMinutes() != null
                ? Duration.ofMinutes(run.stuckAfterMinutes())
                : Duration.ofMillis(settings.getStuckAfter().toMilliseconds());
        if (after.isZero() || run.lastOutputAt() == null) {
            return;
        }
        Duration silent = Duration.between(run.lastOutputAt(), now);
        if (run.stuckFlaggedAt() != null && run.lastOutputAt().isAfter(run.stuckFlaggedAt())) {
            jdbi.useExtension(StuckRunDao.class, dao -> dao.clear(run.id(), "stuck")); // it spoke again
            return;
        }
        if (silent.compareTo(after) < 0) {
            return;
        }
        Duration grace = Duration.ofMillis(settings.getGrace().toMilliseconds());
        if (run.stuckFlaggedAt() == null) {
            String message = "No output from the agent for " + silent.toMinutes() + " min; it is stopped in "
                    + grace.toMinutes() + " min unless it writes something";
            flag(run, "stuck", message, now);
        } else if (silent.compareTo(after.plus(grace)) >= 0) {
            stopper.fail(
                    run.id(),
                    FailureCode.AGENT_STUCK,
                    "No output from the agent for " + silent.toMinutes() + " min (stuck after " + after.toMinutes()
                            + " min, then " + grace.toMinutes() + " min of grace)");
        }
    }

    private void loop(StuckRunDao.Running run, Instant now) {
        int limit =
                run.repeatedToolCallLimit() != null ? run.repeatedToolCallLimit() : settings.getRepeatedToolCallLimit();
        if (run.loopingFlagged()) {
            return;
        }
        List<String> calls = jdbi.withExtension(StuckRunDao.class, dao -> dao.latestToolCalls(run.id(), limit));
        if (calls.size() == limit && calls.stream().distinct().count() == 1) {
            String call = calls.get(0).substring("tool: ".length());
            flag(
                    run,
                    "looping",
                    "The agent made the same tool call " + limit + " times in a row: "
                            + (call.length() > 200 ? call.substring(0, 200) + "…" : call),
                    now);
        }
    }

    private void flag(StuckRunDao.Running run, String kind, String message, Instant now) {
        jdbi.useTransaction(handle -> {
            if (handle.attach(StuckRunDao.class).flag(run.id(), kind, message, now) == 1) {
                lifecycle.progress(handle, run.id(), kind, message, Map.of(), now);
                audit.record(
                        handle,
                        AuditEntry.anonymous("stuck-run-detector", "job.flagged_" + kind)
                                .target("job", run.id())
                                .detail("message", message));
            }
        });
    }
}
