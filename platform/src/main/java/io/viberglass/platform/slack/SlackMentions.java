package io.viberglass.platform.slack;

import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.phases.PhaseOrchestrator;
import io.viberglass.platform.phases.PhaseRunService;
import io.viberglass.platform.phases.RevisionRequest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** @viberator mentions inside a ticket's thread: advance, chain or revise, by the person's account. */
public class SlackMentions {
    static final String HINT = "Mention me with `advance` to run the next phase, `chain` to run every next phase, "
            + "feedback (`revise …`) to revise the current document, or `session …` to work with the agent live here.";

    private final Jdbi jdbi;
    private final Clock clock;
    private final SlackActors actors;
    private final PhaseOrchestrator orchestrator;
    private final PhaseRunService runs;
    private final SlackNotices notices;
    private final ProjectAccess access;
    private final AuditLog audit;
    private final SlackSessions sessions;

    public SlackMentions(
            Jdbi jdbi,
            Clock clock,
            SlackActors actors,
            PhaseOrchestrator orchestrator,
            PhaseRunService runs,
            SlackNotices notices,
            ProjectAccess access,
            AuditLog audit,
            SlackSessions sessions) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.actors = actors;
        this.orchestrator = orchestrator;
        this.runs = runs;
        this.notices = notices;
        this.access = access;
        this.audit = audit;
        this.sessions = sessions;
    }

    /** A mention; outside a ticket thread it is not ours to answer. */
    public void mentioned(String channelId, String threadTs, String slackUser, String text) {
        if (threadTs == null) {
            return;
        }
        Optional<SlackThread> found =
                jdbi.withExtension(SlackThreadDao.class, dao -> dao.byThread(channelId, threadTs));
        if (found.isEmpty()) {
            return;
        }
        SlackThread thread = found.get();
        MentionCommand command = MentionCommand.parse(text, thread.mode());
        if (command instanceof MentionCommand.Hint) {
            notices.tell(thread.id(), slackUser, HINT);
            return;
        }
        Optional<UUID> live = command instanceof MentionCommand.Revise || command instanceof MentionCommand.NotRevisable
                ? sessions.liveSession(thread)
                : Optional.empty();
        if (live.isPresent()) {
            // in a thread with a live session, what would revise the document is said to the agent instead
            sessions.replied(
                    channelId,
                    threadTs,
                    slackUser,
                    MentionCommand.MENTION.matcher(text).replaceAll(" "));
            return;
        }
        if (command instanceof MentionCommand.NotRevisable) {
            notices.say(
                    thread.id(), "Execution jobs cannot be revised. Start a new ticket with /viberator for more work.");
            return;
        }
        Optional<Actor> actor = actors.actor(slackUser);
        if (actor.isEmpty()) {
            notices.tell(thread.id(), slackUser, SlackMessages.notMapped());
            return;
        }
        try {
            if (command instanceof MentionCommand.Collaborate collaborate) {
                notices.say(thread.id(), sessions.start(thread, actor.get(), collaborate.message()));
                return;
            }
            notices.say(thread.id(), perform(thread, command, actor.get()));
        } catch (DomainException e) {
            notices.say(thread.id(), "*Could not do that:* " + SlackMessages.escape(e.getMessage()));
        }
    }

    private String perform(SlackThread thread, MentionCommand command, Actor actor) {
        ProjectPermission needed =
                command instanceof MentionCommand.Revise ? ProjectPermission.WRITE : ProjectPermission.APPROVE;
        UUID projectId = access.requireTicket(actor, thread.ticketId(), needed);
        audit.record(AuditEntry.by(actor, "slack.mention")
                .project(projectId)
                .target("ticket", thread.ticketId())
                .detail("command", command.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)));
        if (command instanceof MentionCommand.Advance advance) {
            Job job = orchestrator.advanceAndRun(
                    thread.ticketId(), thread.clankerId(), advance.target(), actor.getName());
            jdbi.useExtension(SlackThreadDao.class, dao -> dao.mode(thread.id(), advance.target(), clock.instant()));
            return "_" + SlackMessages.title(advance.target()) + " run queued (job " + job.id() + ")._";
        }
        if (command instanceof MentionCommand.Chain chain) {
            jdbi.useExtension(SlackThreadDao.class, dao -> dao.chain(thread.id(), actor.getName(), clock.instant()));
            Job job = orchestrator.advanceAndRun(thread.ticketId(), thread.clankerId(), chain.first(), actor.getName());
            jdbi.useExtension(SlackThreadDao.class, dao -> dao.mode(thread.id(), chain.first(), clock.instant()));
            return "_Chaining: " + chain.first().wire() + " run queued (job " + job.id()
                    + "); each next phase runs when the previous one completes._";
        }
        MentionCommand.Revise revise = (MentionCommand.Revise) command;
        Job job = runs.revision(
                thread.ticketId(),
                thread.mode(),
                new RevisionRequest(thread.clankerId(), revise.feedback(), null, List.of()));
        return "_Revision job queued (job " + job.id() + ")…_";
    }
}
