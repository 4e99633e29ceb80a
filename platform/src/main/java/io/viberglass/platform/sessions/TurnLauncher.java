package io.viberglass.platform.sessions;

import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.WorkerSettings;
import io.viberglass.common.session.SessionEventType;
import io.viberglass.common.session.SessionTurn;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.jobs.JobQueue;
import io.viberglass.platform.jobs.PayloadFactory;
import io.viberglass.platform.jobs.RunTargets;
import io.viberglass.platform.phases.PhaseDao;
import io.viberglass.platform.phases.PhaseDocument;
import io.viberglass.platform.projects.Project;
import io.viberglass.platform.projects.ScmConfig;
import io.viberglass.platform.prompts.PromptTemplateService;
import io.viberglass.platform.prompts.PromptType;
import io.viberglass.platform.tickets.TicketService;
import io.viberglass.platform.tickets.TicketView;
import io.viberglass.platform.tickets.WorkflowPhase;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Starts an assistant turn: takes every waiting user message (one batched prompt with each author named), queues the
 * turn's job through the ordinary job queue with {@link JobPayload#session()} set, and records the turn. Runs inside
 * the transaction that holds the session's row lock.
 */
final class TurnLauncher {
    private static final int DOCUMENT_MAX_CHANGES = 1;
    private static final int EXECUTION_MAX_CHANGES = 10;

    private final Jdbi jdbi;
    private final JobQueue queue;
    private final TicketService tickets;
    private final RunTargets targets;
    private final PayloadFactory payloads;
    private final PromptTemplateService prompts;
    private final SessionTimeline timeline;
    private final int permissionTimeoutSeconds;
    private final java.security.SecureRandom random = new java.security.SecureRandom();

    TurnLauncher(
            Jdbi jdbi,
            JobQueue queue,
            TicketService tickets,
            RunTargets targets,
            PayloadFactory payloads,
            PromptTemplateService prompts,
            SessionTimeline timeline,
            int permissionTimeoutSeconds) {
        this.jdbi = jdbi;
        this.queue = queue;
        this.tickets = tickets;
        this.targets = targets;
        this.payloads = payloads;
        this.prompts = prompts;
        this.timeline = timeline;
        this.permissionTimeoutSeconds = permissionTimeoutSeconds;
    }

    /** The user messages as one prompt: each message a block opened by its author's name. */
    static String batched(List<AgentTurn> messages) {
        return messages.stream()
                .map(turn ->
                        "[" + (turn.userName() == null ? "someone" : turn.userName()) + "]: " + turn.contentMarkdown())
                .collect(Collectors.joining("\n\n"));
    }

    /**
     * Launches the next assistant turn with every waiting message; the caller holds the session's lock and has checked
     * that no turn is in flight. Answers the new turn, or empty when no message waits.
     */
    Optional<AgentTurn> launch(Handle handle, AgentSession session, Instant now) {
        SessionDao dao = handle.attach(SessionDao.class);
        List<AgentTurn> waiting = dao.waitingMessages(session.id());
        if (waiting.isEmpty()) {
            return Optional.empty();
        }
        UUID turnId = UUID.randomUUID();
        UUID jobId = UUID.randomUUID();
        boolean restoreState = dao.hasState(session.id());
        boolean firstTurn = session.lastTurnId() == null;
        JobPayload payload = payload(session, jobId, turnId, batched(waiting), firstTurn, restoreState);
        int sequence = dao.reserveTurn(session.id());
        dao.insertTurn(
                turnId,
                session.id(),
                TurnRole.ASSISTANT.wire(),
                TurnStatus.QUEUED.wire(),
                sequence,
                null,
                null,
                null,
                null,
                null,
                null,
                now);
        dao.consume(waiting.stream().map(AgentTurn::id).toList(), turnId, now);
        io.viberglass.platform.tickets.TicketTrustGate.requireRunnable(handle, session.ticketId());
        queue.enqueue(
                handle,
                new JobQueue.NewJob(
                        jobId,
                        session.mode(),
                        session.projectId(),
                        session.ticketId(),
                        session.clankerId(),
                        payload,
                        1,
                        null),
                now);
        dao.setTurnJob(turnId, jobId, now);
        dao.setLastTurn(session.id(), jobId, turnId, now);
        dao.setPendingRequest(session.id(), null, now);
        if (session.status() != SessionStatus.ACTIVE) {
            dao.setStatus(session.id(), SessionStatus.ACTIVE.wire(), now);
        }
        timeline.append(
                handle,
                session.id(),
                SessionTimeline.Entry.of(
                        SessionEventType.TURN_STARTED,
                        Map.of(
                                "turnId", turnId.toString(),
                                "jobId", jobId.toString(),
                                "sequence", sequence,
                                "messageCount", waiting.size(),
                                "authors",
                                        waiting.stream()
                                                .map(t -> t.userName() == null ? "someone" : t.userName())
                                                .distinct()
                                                .toList()),
                        turnId,
                        jobId),
                now);
        return dao.turn(turnId);
    }

    /**
     * The turn's job payload. The first turn (or any turn the agent cannot resume: no ACP session id and no saved
     * state) gets the mode's full task with the messages; a resumable turn gets only the new messages, since the
     * agent remembers the conversation.
     */
    private JobPayload payload(
            AgentSession session, UUID jobId, UUID turnId, String messages, boolean firstTurn, boolean restoreState) {
        TicketView ticket = tickets.get(session.ticketId());
        Project project = targets.project(session.projectId());
        ScmConfig scm = targets.repository(project);
        Clanker clanker = targets.activeClanker(session.clankerId());
        JobKind mode = session.mode();
        String research = document(ticket.id(), WorkflowPhase.RESEARCH).orElse(null);
        String plan = document(ticket.id(), WorkflowPhase.PLANNING).orElse(null);
        boolean resumable = !firstTurn && (session.acpSessionId() != null || restoreState);
        String task = resumable ? messages : fullTask(project, ticket, mode, research, plan, messages);
        WorkerSettings settings = new WorkerSettings(
                WorkerSettings.DEFAULT_MAX_EXECUTION_SECONDS,
                mode == JobKind.EXECUTION ? EXECUTION_MAX_CHANGES : DOCUMENT_MAX_CHANGES,
                false,
                false,
                null,
                null);
        JobPayload payload = payloads.build(
                jobId,
                project,
                scm,
                clanker,
                ticket,
                new PayloadFactory.Run(
                        mode, task, settings, PayloadFactory.instructionFiles(project, List.of()), research, plan),
                targets.credentials(clanker, scm));
        return PayloadFactory.asSessionTurn(
                payload,
                new SessionTurn(
                        session.id().toString(),
                        turnId.toString(),
                        mode,
                        session.acpSessionId(),
                        restoreState,
                        permissionTimeoutSeconds));
    }

    private String fullTask(
            Project project, TicketView ticket, JobKind mode, String research, String plan, String messages) {
        Map<String, String> values = new HashMap<>();
        values.put("ticketTitle", ticket.title());
        values.put("ticketDescription", ticket.description());
        values.put("externalTicketId", ticket.externalTicketId());
        values.put("externalTicketUrl", ticket.externalTicketUrl());
        values.put("severity", ticket.severity().wire());
        values.put("category", ticket.category());
        values.put("projectName", project.name());
        values.put("researchDocument", research);
        values.put("planDocument", plan);
        values.put("revisionMessage", messages);
        values.put("openComments", "");
        values.put("constraints", "");
        jdbi.withExtension(io.viberglass.platform.tickets.TicketAuthorDao.class, dao -> dao.find(ticket.id()))
                .filter(author -> !author.trusted())
                .ifPresent(author -> {
                    // a fresh boundary per prompt: the outside author's text cannot know it, so cannot close the fence
                    var fence = io.viberglass.platform.prompts.UntrustedFence.random(random);
                    String who = io.viberglass.platform.tickets.TicketTrustGate.describe(author);
                    values.put("ticketTitle", fence.wrap("the ticket's title", who, ticket.title()));
                    values.put("ticketDescription", fence.wrap("the ticket's description", who, ticket.description()));
                });
        PromptType type =
                switch (mode) {
                    case RESEARCH ->
                        research == null ? PromptType.TICKET_RESEARCH : PromptType.TICKET_RESEARCH_REVISION_TASK;
                    case PLANNING ->
                        plan != null
                                ? PromptType.TICKET_PLANNING_REVISION_TASK
                                : research != null
                                        ? PromptType.TICKET_PLANNING_WITH_RESEARCH
                                        : PromptType.TICKET_PLANNING_WITHOUT_RESEARCH;
                    default -> PromptType.TICKET_DEVELOPING;
                };
        String rendered = prompts.render(project.id(), type, values);
        boolean revision =
                type == PromptType.TICKET_RESEARCH_REVISION_TASK || type == PromptType.TICKET_PLANNING_REVISION_TASK;
        return revision ? rendered : rendered + "\n\n## Messages from the people in this session\n\n" + messages;
    }

    private Optional<String> document(UUID ticketId, WorkflowPhase phase) {
        return jdbi.withExtension(PhaseDao.class, dao -> dao.document(ticketId, phase))
                .filter(doc -> !doc.isBlank())
                .map(PhaseDocument::content);
    }
}
