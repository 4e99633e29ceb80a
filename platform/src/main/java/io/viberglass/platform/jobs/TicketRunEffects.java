package io.viberglass.platform.jobs;

import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobResult;
import io.viberglass.platform.tickets.AutoFixStatus;
import io.viberglass.platform.tickets.TicketDao;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * What an execution run records on its ticket: the auto-fix state mirrors the job, and a completed run leaves its pull
 * request link. (The lifecycle status is derived separately, from the phase and its runs.)
 */
public class TicketRunEffects implements JobListener, JobQueue.QueueListener {
    @Override
    public void onQueued(Handle handle, JobQueue.NewJob job, Instant now) {
        autoFix(handle, job.kind(), job.ticketId(), AutoFixStatus.PENDING, now);
    }

    @Override
    public void onStarted(Handle handle, Job job, Instant now) {
        autoFix(handle, job.kind(), job.ticketId(), AutoFixStatus.IN_PROGRESS, now);
    }

    @Override
    public void onCompleted(Handle handle, Job job, JobResult result, Instant now) {
        if (autoFix(handle, job.kind(), job.ticketId(), AutoFixStatus.COMPLETED, now)
                && result.pullRequestUrl() != null) {
            handle.attach(TicketDao.class).setPullRequestUrl(job.ticketId(), result.pullRequestUrl(), now);
        }
    }

    @Override
    public void onFailed(Handle handle, Job job, JobFailure failure, JobResult result, Instant now) {
        autoFix(handle, job.kind(), job.ticketId(), AutoFixStatus.FAILED, now);
    }

    private static boolean autoFix(Handle handle, JobKind kind, UUID ticketId, AutoFixStatus status, Instant now) {
        if (kind != JobKind.EXECUTION || ticketId == null) {
            return false;
        }
        handle.attach(TicketDao.class).setAutoFixStatus(ticketId, status, now);
        return true;
    }
}
