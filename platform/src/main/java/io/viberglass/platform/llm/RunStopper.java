package io.viberglass.platform.llm;

import io.viberglass.common.job.FailureCode;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.jobs.JobDao;
import io.viberglass.platform.jobs.JobFailure;
import io.viberglass.platform.jobs.JobLifecycle;
import io.viberglass.platform.jobs.JobListener;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fails a running job for a reason the platform found (its budget is used up) and stops its worker. */
public class RunStopper {
    private static final Logger LOG = LoggerFactory.getLogger(RunStopper.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final JobLifecycle lifecycle;
    private final List<JobListener> listeners;
    private final Consumer<UUID> stopExecution;

    public RunStopper(
            Jdbi jdbi, Clock clock, JobLifecycle lifecycle, List<JobListener> listeners, Consumer<UUID> stopExecution) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.lifecycle = lifecycle;
        this.listeners = List.copyOf(listeners);
        this.stopExecution = stopExecution;
    }

    public void fail(UUID jobId, FailureCode code, String detail) {
        JobFailure failure = JobFailure.of(code, detail);
        try {
            jdbi.useTransaction(handle -> {
                Instant now = clock.instant();
                Job job = handle.attach(JobDao.class).findForUpdate(jobId).orElseThrow();
                if (job.status().isTerminal()) {
                    return;
                }
                lifecycle.fail(handle, job, failure, null, now);
                listeners.forEach(listener -> listener.onFailed(handle, job, failure, null, now));
            });
        } catch (DomainException e) {
            LOG.debug("Job {} finished before it could be stopped: {}", jobId, e.getMessage());
        }
        stopExecution.accept(jobId);
    }
}
