package io.viberglass.platform.sessions;

import io.viberglass.common.job.JobResult;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.jobs.JobFailure;
import io.viberglass.platform.jobs.JobListener;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Moves a session on as its turns' jobs start and end, in the transaction that changed the job. A research or
 * planning turn's document is saved as the ticket's next revision by the phases feature's listener (it runs first);
 * this one only records that on the session's timeline.
 */
final class SessionJobListener implements JobListener {
    private final SessionTransitions transitions;

    SessionJobListener(SessionTransitions transitions) {
        this.transitions = transitions;
    }

    @Override
    public void onStarted(Handle handle, Job job, Instant now) {
        turn(handle, job).ifPresent(turn -> transitions.turnStarted(handle, turn, now));
    }

    @Override
    public void onCompleted(Handle handle, Job job, JobResult result, Instant now) {
        String document = result.documentContent() == null
                ? null
                : job.kind().documentFile().orElse(null);
        turn(handle, job)
                .ifPresent(turn -> transitions.turnEnded(
                        handle, turn, new SessionTransitions.Ending(true, document, null, null), now));
    }

    @Override
    public void onFailed(Handle handle, Job job, JobFailure failure, JobResult result, Instant now) {
        turn(handle, job)
                .ifPresent(turn -> transitions.turnEnded(
                        handle,
                        turn,
                        new SessionTransitions.Ending(
                                false, null, failure.summary(), failure.code().wire()),
                        now));
    }

    private static Optional<AgentTurn> turn(Handle handle, Job job) {
        if (job.payload() == null || !job.payload().isSessionTurn()) {
            return Optional.empty();
        }
        return handle.attach(SessionDao.class).turnOfJob(job.id());
    }
}
