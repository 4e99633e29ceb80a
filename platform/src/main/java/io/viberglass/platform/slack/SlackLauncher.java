package io.viberglass.platform.slack;

import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.clankers.ClankerService;
import io.viberglass.platform.clankers.ClankerStatus;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.phases.PhaseOrchestrator;
import io.viberglass.platform.projects.ArchivedFilter;
import io.viberglass.platform.projects.ProjectService;
import io.viberglass.platform.tickets.CreateTicketRequest;
import io.viberglass.platform.tickets.Severity;
import io.viberglass.platform.tickets.TicketService;
import io.viberglass.platform.tickets.TicketSystem;
import io.viberglass.platform.tickets.TicketView;
import io.viberglass.platform.tickets.WorkflowPhase;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The slash command's modal and what its submission starts: a ticket (from Slack, in the chosen phase), the thread
 * that follows it (opened by the outbox), and the phase's run.
 */
public class SlackLauncher {
    private final Jdbi jdbi;
    private final Clock clock;
    private final ProjectService projects;
    private final ClankerService clankers;
    private final TicketService tickets;
    private final PhaseOrchestrator orchestrator;
    private final SlackNotices notices;
    private final TicketLinks links;
    private final ProjectAccess access;
    private final AuditLog audit;

    public SlackLauncher(
            Jdbi jdbi,
            Clock clock,
            ProjectService projects,
            ClankerService clankers,
            TicketService tickets,
            PhaseOrchestrator orchestrator,
            SlackNotices notices,
            TicketLinks links,
            ProjectAccess access,
            AuditLog audit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.projects = projects;
        this.clankers = clankers;
        this.tickets = tickets;
        this.orchestrator = orchestrator;
        this.notices = notices;
        this.links = links;
        this.access = access;
        this.audit = audit;
    }

    /** The modal, offering the projects {@code actor} can see and the active clankers. */
    public com.slack.api.model.view.View modal(Actor actor, String channelId, String text) {
        var activeClankers = clankers.list(100, 0).data().stream()
                .filter(clanker -> clanker.status() == ClankerStatus.ACTIVE)
                .toList();
        var openProjects = projects.list(access.scope(actor), ArchivedFilter.exclude, 100, 0)
                .data();
        if (openProjects.isEmpty() || activeClankers.isEmpty()) {
            throw DomainException.conflict(
                    "SLACK_NOTHING_TO_LAUNCH", "Create a project and start a clanker in Viberglass first.");
        }
        return LaunchModal.view(openProjects, activeClankers, channelId, text);
    }

    /** Who asked, in which workspace and channel. */
    public record Origin(String teamId, String channelId, String slackUser, Actor actor) {}

    public TicketView launch(LaunchModal.Submission submission, Origin origin) {
        WorkflowPhase mode = submission.mode();
        access.require(origin.actor(), submission.projectId(), ProjectPermission.WRITE);
        TicketView ticket = tickets.create(
                new CreateTicketRequest(
                        submission.projectId(),
                        submission.effectiveTitle(),
                        submission.message(),
                        Severity.MEDIUM,
                        "slack",
                        Map.of("slackChannel", origin.channelId(), "slackUser", origin.slackUser()),
                        null,
                        null,
                        mode,
                        mode == WorkflowPhase.RESEARCH
                                ? null
                                : "Started in " + mode.wire() + " from Slack by "
                                        + origin.actor().getName(),
                        null,
                        null),
                List.of(),
                TicketSystem.SLACK);
        audit.record(AuditEntry.by(origin.actor(), "slack.ticket_launched")
                .project(ticket.projectId())
                .target("ticket", ticket.id())
                .detail("mode", mode.wire())
                .detail("channel", origin.channelId()));
        UUID threadId = UUID.randomUUID();
        String clankerName = clankers.get(submission.clankerId()).name();
        jdbi.useTransaction(handle -> {
            Instant now = clock.instant();
            handle.attach(SlackThreadDao.class)
                    .insert(new SlackThread(
                            threadId,
                            ticket.id(),
                            origin.teamId(),
                            origin.channelId(),
                            null,
                            submission.clankerId(),
                            mode,
                            null,
                            origin.slackUser(),
                            now,
                            now));
            String url = links.ticket(handle, ticket.projectId(), ticket.id());
            notices.queue(
                    handle,
                    threadId,
                    SlackOutboxKind.OPEN_THREAD,
                    SlackPost.message(SlackMessages.opening(ticket.title(), url)));
            notices.queue(
                    handle,
                    threadId,
                    SlackOutboxKind.MESSAGE,
                    SlackPost.message(SlackMessages.details(mode, clankerName, submission.message())));
        });
        try {
            Job job = orchestrator.advanceAndRun(
                    ticket.id(), submission.clankerId(), mode, origin.actor().getName());
            notices.say(threadId, "_" + SlackMessages.title(mode) + " run queued (job " + job.id() + ")._");
        } catch (DomainException e) {
            notices.say(threadId, "*Could not start the run:* " + SlackMessages.escape(e.getMessage()));
        }
        return ticket;
    }
}
