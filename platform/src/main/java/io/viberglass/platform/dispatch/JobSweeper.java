package io.viberglass.platform.dispatch;

import io.viberglass.common.job.FailureCode;
import io.viberglass.common.job.WorkerSettings;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.jobs.FailureClassifier;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.jobs.JobDao;
import io.viberglass.platform.jobs.JobFailure;
import io.viberglass.platform.jobs.JobLifecycle;
import io.viberglass.platform.jobs.JobListener;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure no job hangs silently: releases claims of dead replicas, and fails (and stops) workers that never
 * started, went silent, or ran past their own time limit. Each failure is a conditional update, so a result that
 * arrives at the same moment wins or loses cleanly.
 */
public class JobSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(JobSweeper.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final DispatchSettings settings;
    private final JobLifecycle lifecycle;
    private final List<JobListener> listeners;
    private final Dispatcher dispatcher;

    public JobSweeper(
            Jdbi jdbi,
            Clock clock,
            DispatchSettings settings,
            JobLifecycle lifecycle,
            List<JobListener> listeners,
            Dispatcher dispatcher) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.settings = settings;
        this.lifecycle = lifecycle;
        this.listeners = List.copyOf(listeners);
        this.dispatcher = dispatcher;
    }

    /** What one sweep did, for logs and tests. */
    public record Sweep(int releasedClaims, int neverStarted, int silent, int overdue, int ended) {}

    public Sweep sweep() {
        Instant now = clock.instant();
        int released = jdbi.withExtension(
                DispatchDao.class,
                dao -> dao.releaseStaleClaims(
                        now.minusMillis(settings.getClaimTimeout().toMilliseconds()), now));
        int neverStarted = failAll(
                jdbi.withExtension(
                        DispatchDao.class,
                        dao -> dao.neverStarted(
                                now.minusMillis(settings.getStartTimeout().toMilliseconds()))),
                FailureCode.INVOCATION_FAILED,
                "The worker did not start within " + settings.getStartTimeout());
        int silent = failAll(
                jdbi.withExtension(
                        DispatchDao.class,
                        dao -> dao.silent(
                                now.minusMillis(settings.getHeartbeatGrace().toMilliseconds()))),
                FailureCode.HEARTBEAT_TIMEOUT,
                "No heartbeat received within " + settings.getHeartbeatGrace());
        int overdue = failAll(
                jdbi.withExtension(
                        DispatchDao.class,
                        dao -> dao.overdue(
                                now,
                                WorkerSettings.DEFAULT_MAX_EXECUTION_SECONDS,
                                settings.getOrphanMargin().toSeconds())),
                FailureCode.ORPHANED,
                "The job ran past its time limit without a result");
        int ended = failEnded(jdbi.withExtension(
                DispatchDao.class,
                dao -> dao.unfinishedExecutions(
                        now.minusMillis(settings.getExecutionCheckDelay().toMilliseconds()))));
        Sweep sweep = new Sweep(released, neverStarted, silent, overdue, ended);
        if (released + neverStarted + silent + overdue + ended > 0) {
            LOG.info("Job sweep: {}", sweep);
        }
        return sweep;
    }

    private int failAll(List<UUID> ids, FailureCode code, String message) {
        int failed = 0;
        for (UUID id : ids) {
            if (failOne(id, FailureClassifier.classify(code, message))) {
                failed++;
                dispatcher.stopExecution(id);
            }
        }
        return failed;
    }

    /** Workers their runtime reports dead (task stopped, container gone) fail now, not after the heartbeat grace. */
    private int failEnded(List<DispatchDao.Execution> executions) {
        if (executions.isEmpty()) {
            return 0;
        }
        int failed = 0;
        for (var end : dispatcher.endedExecutions(executions).entrySet()) {
            if (failOne(
                    end.getKey(),
                    FailureClassifier.classify(
                            end.getValue().code(), end.getValue().message()))) {
                failed++;
            }
        }
        return failed;
    }

    private boolean failOne(UUID id, JobFailure failure) {
        try {
            jdbi.useTransaction(handle -> {
                Instant now = clock.instant();
                Job job = handle.attach(JobDao.class).findForUpdate(id).orElseThrow();
                lifecycle.fail(handle, job, failure, null, now);
                listeners.forEach(listener -> listener.onFailed(handle, job, failure, null, now));
            });
            return true;
        } catch (DomainException e) {
            return false; // it finished in the meantime
        }
    }
}
