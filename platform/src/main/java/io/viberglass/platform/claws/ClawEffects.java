package io.viberglass.platform.claws;

import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobResult;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.jobs.JobFailure;
import io.viberglass.platform.jobs.JobListener;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * What a claw job's transitions do to its execution and schedule (upstream never completed executions): running,
 * completed with its pull request, or failed — counting consecutive failures and pausing the schedule at its limit.
 */
class ClawEffects implements JobListener {
    private final ClawEvents events;

    ClawEffects(ClawEvents events) {
        this.events = events;
    }

    @Override
    public void onStarted(Handle handle, Job job, Instant now) {
        execution(handle, job).ifPresent(execution -> handle.attach(ExecutionDao.class)
                .update(execution.id(), "running", now, null, null, null));
    }

    @Override
    public void onCompleted(Handle handle, Job job, JobResult result, Instant now) {
        execution(handle, job).ifPresent(execution -> {
            handle.attach(ExecutionDao.class)
                    .update(execution.id(), "completed", now, now, null, result.pullRequestUrl());
            ClawDao schedules = handle.attach(ClawDao.class);
            schedules.recordSuccess(execution.scheduleId(), now);
            finished(handle, execution, "completed", now);
        });
    }

    @Override
    public void onFailed(Handle handle, Job job, JobFailure failure, JobResult result, Instant now) {
        execution(handle, job).ifPresent(execution -> {
            String status = failure.code() == io.viberglass.common.job.FailureCode.CANCELLED ? "cancelled" : "failed";
            handle.attach(ExecutionDao.class).update(execution.id(), status, null, now, failure.summary(), null);
            handle.attach(ClawDao.class).recordFailure(execution.scheduleId(), now);
            finished(handle, execution, "failed", now);
        });
    }

    private void finished(Handle handle, ClawExecution execution, String event, Instant now) {
        ClawSchedule schedule =
                handle.attach(ClawDao.class).schedule(execution.scheduleId()).orElseThrow();
        ClawExecution current =
                handle.attach(ExecutionDao.class).find(execution.id()).orElseThrow();
        events.queue(handle, schedule, current, event, now);
    }

    private static Optional<ClawExecution> execution(Handle handle, Job job) {
        return job.kind() == JobKind.CLAW ? handle.attach(ExecutionDao.class).byJob(job.id()) : Optional.empty();
    }
}
