package io.viberglass.platform.slack;

import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobResult;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.jobs.JobFailure;
import io.viberglass.platform.jobs.JobListener;
import io.viberglass.platform.tickets.WorkflowPhase;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Follows the runs of tickets that have a Slack thread: a started run, a finished document (uploaded as a file, then
 * the Approve / Reject card), a finished execution (the pull request) and a failure (with its reason) each queue a
 * thread update in the transaction of the job transition, so no update is lost and none is sent for a change that
 * rolled back.
 */
public class SlackThreadUpdates implements JobListener {
    private final SlackNotices notices;
    private final TicketLinks links;

    public SlackThreadUpdates(SlackNotices notices, TicketLinks links) {
        this.notices = notices;
        this.links = links;
    }

    @Override
    public void onStarted(Handle handle, Job job, Instant now) {
        thread(handle, job)
                .ifPresent(thread -> notices.queue(
                        handle,
                        thread.id(),
                        SlackOutboxKind.MESSAGE,
                        SlackPost.message(SlackMessages.started(phase(job)))));
    }

    @Override
    public void onCompleted(Handle handle, Job job, JobResult result, Instant now) {
        Optional<SlackThread> found = thread(handle, job);
        if (found.isEmpty()) {
            return;
        }
        SlackThread thread = found.get();
        WorkflowPhase phase = phase(job);
        if (job.kind() == JobKind.EXECUTION) {
            String ticketUrl = links.ticket(handle, job.projectId(), job.ticketId());
            notices.queue(
                    handle,
                    thread.id(),
                    SlackOutboxKind.MESSAGE,
                    SlackPost.message(SlackMessages.executionDone(result.pullRequestUrl(), ticketUrl)));
            return;
        }
        if (result.documentContent() == null || result.documentContent().isBlank()) {
            notices.queue(
                    handle,
                    thread.id(),
                    SlackOutboxKind.MESSAGE,
                    SlackPost.message("*" + SlackMessages.title(phase) + " run finished without a document.*"));
            return;
        }
        notices.queue(
                handle,
                thread.id(),
                SlackOutboxKind.FILE,
                SlackPost.file(
                        SlackMessages.documentFile(phase), SlackMessages.title(phase), result.documentContent()));
        if (thread.chainedBy() != null) {
            notices.queue(
                    handle,
                    thread.id(),
                    SlackOutboxKind.CHAIN,
                    SlackPost.chain(SlackMessages.next(phase), thread.chainedBy()));
            return;
        }
        notices.queue(
                handle,
                thread.id(),
                SlackOutboxKind.MESSAGE,
                SlackPost.message(SlackMessages.completeText(phase), SlackMessages.reviewCard(job.ticketId(), phase)));
    }

    @Override
    public void onFailed(Handle handle, Job job, JobFailure failure, JobResult result, Instant now) {
        thread(handle, job)
                .ifPresent(thread -> notices.queue(
                        handle,
                        thread.id(),
                        SlackOutboxKind.MESSAGE,
                        SlackPost.message(SlackMessages.failed(failure.summary(), failure.technicalDetail()))));
    }

    private static Optional<SlackThread> thread(Handle handle, Job job) {
        if (job.ticketId() == null || job.kind() == JobKind.CLAW) {
            return Optional.empty();
        }
        return handle.attach(SlackThreadDao.class).byTicket(job.ticketId());
    }

    private static WorkflowPhase phase(Job job) {
        return WorkflowPhase.valueOf(job.kind().name());
    }
}
