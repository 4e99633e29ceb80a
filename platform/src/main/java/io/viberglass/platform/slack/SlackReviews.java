package io.viberglass.platform.slack;

import io.viberglass.common.job.WireEnum;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.phases.ApprovalService;
import io.viberglass.platform.phases.PhaseOrchestrator;
import io.viberglass.platform.tickets.WorkflowPhase;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The Approve and Reject buttons under a finished research or plan. Approve goes through the approval service under
 * the clicking person's account (so project roles apply) and then runs the next phase; a person without an account is
 * told so, privately, and nothing changes.
 */
public class SlackReviews {
    private final Jdbi jdbi;
    private final Clock clock;
    private final SlackActors actors;
    private final ApprovalService approvals;
    private final PhaseOrchestrator orchestrator;
    private final SlackNotices notices;
    private final ProjectAccess access;
    private final AuditLog audit;

    public SlackReviews(
            Jdbi jdbi,
            Clock clock,
            SlackActors actors,
            ApprovalService approvals,
            PhaseOrchestrator orchestrator,
            SlackNotices notices,
            ProjectAccess access,
            AuditLog audit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.actors = actors;
        this.approvals = approvals;
        this.orchestrator = orchestrator;
        this.notices = notices;
        this.access = access;
        this.audit = audit;
    }

    /** The button's value: {@code <ticketId>:<phase>}. */
    record Target(UUID ticketId, WorkflowPhase phase) {
        static Optional<Target> parse(String value) {
            if (value == null || value.indexOf(':') < 0) {
                return Optional.empty();
            }
            try {
                String[] parts = value.split(":", 2);
                return Optional.of(
                        new Target(UUID.fromString(parts[0]), WireEnum.parse(WorkflowPhase.class, parts[1])));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    public void approve(String value, String slackUser) {
        act(value, slackUser, (thread, target, actor) -> {
            WorkflowPhase next = SlackMessages.next(target.phase());
            UUID projectId = access.requireTicket(actor, target.ticketId(), ProjectPermission.APPROVE);
            var approved = approvals.approve(target.ticketId(), target.phase(), actor.getName());
            audit.record(AuditEntry.by(actor, "approval.approved")
                    .project(projectId)
                    .target("ticket", target.ticketId())
                    .detail("phase", target.phase().wire())
                    .detail("revision", approved.revision())
                    .detail("via", "slack"));
            notices.say(thread.id(), SlackMessages.approved(target.phase(), actor.getName(), next));
            Job job = orchestrator.advanceAndRun(target.ticketId(), thread.clankerId(), next, actor.getName());
            jdbi.useExtension(SlackThreadDao.class, dao -> dao.mode(thread.id(), next, clock.instant()));
            notices.say(thread.id(), "_" + SlackMessages.title(next) + " run queued (job " + job.id() + ")._");
        });
    }

    public void reject(String value, String slackUser) {
        act(value, slackUser, (thread, target, actor) -> {
            UUID projectId = access.requireTicket(actor, target.ticketId(), ProjectPermission.APPROVE);
            var rejected = approvals.reject(target.ticketId(), target.phase(), actor.getName(), "Rejected in Slack");
            audit.record(AuditEntry.by(actor, "approval.rejected")
                    .project(projectId)
                    .target("ticket", target.ticketId())
                    .detail("phase", target.phase().wire())
                    .detail("revision", rejected.revision())
                    .detail("via", "slack"));
            notices.say(thread.id(), SlackMessages.rejected(slackUser));
        });
    }

    private interface Action {
        void run(SlackThread thread, Target target, Actor actor);
    }

    private void act(String value, String slackUser, Action action) {
        Optional<Target> target = Target.parse(value);
        Optional<SlackThread> thread =
                target.flatMap(t -> jdbi.withExtension(SlackThreadDao.class, dao -> dao.byTicket(t.ticketId())));
        if (thread.isEmpty()) {
            return; // a card of a ticket that was deleted since
        }
        Optional<Actor> actor = actors.actor(slackUser);
        if (actor.isEmpty()) {
            notices.tell(thread.get().id(), slackUser, SlackMessages.notMapped());
            return;
        }
        try {
            action.run(thread.get(), target.get(), actor.get());
        } catch (DomainException e) {
            notices.tell(thread.get().id(), slackUser, "Could not do that: " + e.getMessage());
        }
    }
}
