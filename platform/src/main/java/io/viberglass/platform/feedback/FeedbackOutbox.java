package io.viberglass.platform.feedback;

import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.JobStatus;
import io.viberglass.platform.infra.json.JsonText;
import io.viberglass.platform.integrations.IntegrationSystem;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.jobs.JobFailure;
import io.viberglass.platform.jobs.JobListener;
import io.viberglass.platform.phases.ApprovalListener;
import io.viberglass.platform.phases.PhaseDocument;
import io.viberglass.platform.projects.ProjectDao;
import io.viberglass.platform.tickets.Ticket;
import io.viberglass.platform.tickets.TicketDao;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The transactional outbox: a job that starts or ends, a pull request that opens, a document that awaits approval
 * writes one row per subscribed target in the very transaction that made the change, so feedback is sent exactly for
 * changes that committed, and survives a restart until it is delivered.
 */
public class FeedbackOutbox implements JobListener, ApprovalListener {
    /** Ticket metadata that provider senders need to find the issue again. */
    private static final Set<String> SOURCE_KEYS = Set.of(
            "source",
            "integrationId",
            "inboundConfigId",
            "providerProjectId",
            "repository",
            "issueNumber",
            "gitlabProjectId",
            "issueIid",
            "jiraIssueKey",
            "jiraApiBaseUrl",
            "shortcutStoryId");

    private final JsonText json;
    private final String publicUrl;
    private final Runnable wake;

    public FeedbackOutbox(JsonText json, String publicUrl, Runnable wake) {
        this.json = json;
        this.publicUrl = publicUrl;
        this.wake = wake;
    }

    @Override
    public void onStarted(Handle handle, Job job, Instant now) {
        write(handle, FeedbackEventType.JOB_STARTED, job, JobStatus.ACTIVE, job.branch(), null, now);
    }

    @Override
    public void onCompleted(Handle handle, Job job, JobResult result, Instant now) {
        FeedbackEvent.Result outcome = new FeedbackEvent.Result(
                true,
                result.outcome().wire(),
                null,
                result.commitHash(),
                result.pullRequestUrl(),
                result.executionTimeMs(),
                result.changedFiles());
        write(handle, FeedbackEventType.JOB_ENDED, job, JobStatus.COMPLETED, result.branch(), outcome, now);
        if (result.pullRequestUrl() != null
                && job.ticketId() != null
                && !handle.attach(OutboxDao.class)
                        .pullRequestKnown(job.ticketId(), job.id(), result.pullRequestUrl())) {
            write(
                    handle,
                    FeedbackEventType.PULL_REQUEST_OPENED,
                    job,
                    JobStatus.COMPLETED,
                    result.branch(),
                    outcome,
                    now);
        }
    }

    @Override
    public void onFailed(Handle handle, Job job, JobFailure failure, JobResult result, Instant now) {
        boolean cancelled = failure.code() == io.viberglass.common.job.FailureCode.CANCELLED;
        FeedbackEvent.Result outcome = new FeedbackEvent.Result(
                false,
                result == null ? failure.code().wire() : result.outcome().wire(),
                failure.summary(),
                result == null ? null : result.commitHash(),
                result == null ? null : result.pullRequestUrl(),
                result == null ? null : result.executionTimeMs(),
                result == null ? List.of() : result.changedFiles());
        write(
                handle,
                FeedbackEventType.JOB_ENDED,
                job,
                cancelled ? JobStatus.CANCELLED : JobStatus.FAILED,
                result == null ? job.branch() : result.branch(),
                outcome,
                now);
    }

    @Override
    public void onApproved(Handle handle, UUID ticketId, PhaseDocument document, String actor, Instant now) {}

    @Override
    public void onApprovalRequested(Handle handle, UUID ticketId, PhaseDocument document, String actor, Instant now) {
        Optional<Ticket> ticket = handle.attach(TicketDao.class).find(ticketId);
        ticket.ifPresent(found -> queue(
                handle,
                FeedbackEventType.APPROVAL_REQUESTED,
                found.projectId(),
                found,
                null,
                null,
                new FeedbackEvent.Approval(document.phase().wire(), actor),
                now));
    }

    private void write(
            Handle handle,
            FeedbackEventType type,
            Job job,
            JobStatus status,
            String branch,
            FeedbackEvent.Result result,
            Instant now) {
        Ticket ticket = job.ticketId() == null
                ? null
                : handle.attach(TicketDao.class).find(job.ticketId()).orElse(null);
        String slug = slug(handle, job.projectId());
        FeedbackEvent.Job snapshot = new FeedbackEvent.Job(
                job.id(),
                job.ticketId(),
                job.kind().wire(),
                status.wire(),
                job.payload().repository().url(),
                branch,
                slug == null ? null : publicUrl + "/projects/" + slug + "/runs/" + job.id());
        queue(handle, type, job.projectId(), ticket, snapshot, result, null, now);
    }

    private void queue(
            Handle handle,
            FeedbackEventType type,
            UUID projectId,
            Ticket ticket,
            FeedbackEvent.Job job,
            FeedbackEvent.Result result,
            FeedbackEvent.Approval approval,
            Instant now) {
        List<FeedbackTarget> targets = handle.attach(TargetDao.class).subscribed(projectId, type.wire()).stream()
                .filter(target -> concerns(target, ticket))
                .toList();
        if (targets.isEmpty()) {
            return;
        }
        String body =
                json.write(new FeedbackEvent(type, now, projectId, ticket(handle, ticket), job, result, approval));
        OutboxDao outbox = handle.attach(OutboxDao.class);
        for (FeedbackTarget target : targets) {
            outbox.insert(
                    UUID.randomUUID(),
                    target.id(),
                    type,
                    ticket == null ? null : ticket.id(),
                    job == null ? null : job.id(),
                    body,
                    now);
        }
        handle.afterCommit(wake);
    }

    /** Custom targets hear about every run; a provider only about tickets that came from it, through this integration. */
    static boolean concerns(FeedbackTarget target, Ticket ticket) {
        if (target.provider() == IntegrationSystem.CUSTOM) {
            return true;
        }
        if (ticket == null || ticket.externalTicketId() == null) {
            return false;
        }
        Object integration = ticket.metadata().get("integrationId");
        return ticket.ticketSystem().wire().equals(target.provider().wire())
                && (integration == null
                        || integration.toString().equals(target.integrationId().toString()));
    }

    private FeedbackEvent.Ticket ticket(Handle handle, Ticket ticket) {
        if (ticket == null) {
            return null;
        }
        Map<String, Object> source = new LinkedHashMap<>();
        ticket.metadata().forEach((key, value) -> {
            if (SOURCE_KEYS.contains(key) && value != null) {
                source.put(key, value);
            }
        });
        String slug = slug(handle, ticket.projectId());
        return new FeedbackEvent.Ticket(
                ticket.id(),
                ticket.title(),
                slug == null ? null : publicUrl + "/projects/" + slug + "/tickets/" + ticket.id(),
                ticket.ticketSystem().wire(),
                ticket.externalTicketId(),
                ticket.externalTicketUrl(),
                source.isEmpty() ? null : source);
    }

    private static String slug(Handle handle, UUID projectId) {
        return handle.attach(ProjectDao.class)
                .find(projectId)
                .map(p -> p.slug())
                .orElse(null);
    }
}
