package io.viberglass.platform.jobs;

import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobResult;
import io.viberglass.platform.tickets.TicketDao;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * What an execution run does to its ticket: in progress while it runs, in review with the pull request link when it
 * completes, the auto-fix state mirroring the job throughout.
 */
public class TicketRunEffects implements JobListener, JobQueue.QueueListener {
    @Override
    public void onQueued(Handle handle, JobQueue.NewJob job, Instant now) {
        if (isExecution(job.kind(), job.ticketId())) {
            handle.attach(TicketDao.class).executionQueued(job.ticketId(), now);
        }
    }

    @Override
    public void onStarted(Handle handle, Job job, Instant now) {
        if (isExecution(job.kind(), job.ticketId())) {
            handle.attach(TicketDao.class).executionStarted(job.ticketId(), now);
        }
    }

    @Override
    public void onCompleted(Handle handle, Job job, JobResult result, Instant now) {
        if (isExecution(job.kind(), job.ticketId())) {
            handle.attach(TicketDao.class).executionCompleted(job.ticketId(), result.pullRequestUrl(), now);
        }
    }

    @Override
    public void onFailed(Handle handle, Job job, JobFailure failure, JobResult result, Instant now) {
        if (isExecution(job.kind(), job.ticketId())) {
            handle.attach(TicketDao.class).executionFailed(job.ticketId(), now);
        }
    }

    private static boolean isExecution(JobKind kind, java.util.UUID ticketId) {
        return kind == JobKind.EXECUTION && ticketId != null;
    }
}
