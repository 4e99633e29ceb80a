package io.viberglass.platform.phases;

import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobResult;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.jobs.JobFailure;
import io.viberglass.platform.jobs.JobListener;
import io.viberglass.platform.jobs.JobQueue;
import io.viberglass.platform.tickets.Ticket;
import io.viberglass.platform.tickets.TicketDao;
import io.viberglass.platform.tickets.WorkflowPhase;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Recomputes a ticket's lifecycle status with {@link LifecycleRules} after anything that feeds it: a phase change, a
 * document save, an approval, a run queued, started or finished. Runs in the caller's transaction.
 */
public class LifecycleSync implements JobListener, JobQueue.QueueListener {

    public void synchronize(Handle handle, UUID ticketId, Instant now) {
        TicketDao tickets = handle.attach(TicketDao.class);
        Optional<Ticket> found = tickets.findForUpdate(ticketId);
        if (found.isEmpty()) {
            return;
        }
        Ticket ticket = found.get();
        PhaseDao phases = handle.attach(PhaseDao.class);
        WorkflowPhase phase = ticket.workflowPhase();
        Optional<PhaseDocument> document =
                phase == WorkflowPhase.EXECUTION ? Optional.empty() : phases.document(ticketId, phase);
        LifecycleRules.Run phaseRun = phase == WorkflowPhase.EXECUTION
                ? LifecycleRules.Run.NONE
                : LifecycleRules.run(
                        phases.latestJobState(ticketId, phase.wire()).orElse(null));
        LifecycleRules.Run execution = LifecycleRules.run(
                phases.latestJobState(ticketId, JobKind.EXECUTION.wire()).orElse(null));
        var derived = LifecycleRules.derive(new LifecycleRules.Inputs(
                ticket.ticketStatus(),
                phase,
                document.map(PhaseDocument::content).orElse(null),
                document.map(PhaseDocument::approvalState).orElse(null),
                phaseRun,
                execution));
        tickets.setDerivedStatus(ticketId, derived, now);
    }

    @Override
    public void onQueued(Handle handle, JobQueue.NewJob job, Instant now) {
        if (job.ticketId() != null) {
            synchronize(handle, job.ticketId(), now);
        }
    }

    @Override
    public void onStarted(Handle handle, Job job, Instant now) {
        sync(handle, job, now);
    }

    @Override
    public void onCompleted(Handle handle, Job job, JobResult result, Instant now) {
        sync(handle, job, now);
    }

    @Override
    public void onFailed(Handle handle, Job job, JobFailure failure, JobResult result, Instant now) {
        sync(handle, job, now);
    }

    private void sync(Handle handle, Job job, Instant now) {
        if (job.ticketId() != null) {
            synchronize(handle, job.ticketId(), now);
        }
    }
}
