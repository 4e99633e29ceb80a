package io.viberglass.platform.sessions;

import io.viberglass.common.job.JobKind;
import io.viberglass.common.session.PermissionOption;
import io.viberglass.common.session.SessionEventType;
import io.viberglass.platform.access.ProjectScope;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.tickets.TicketService;
import io.viberglass.platform.tickets.TicketView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** What people do in agent sessions: launch one, read it, write in it, decide its requests, cancel it. */
public class SessionService {
    static final int LATEST_EVENTS = 50;

    private final Jdbi jdbi;
    private final Clock clock;
    private final TicketService tickets;
    private final SessionTransitions transitions;
    private final SessionTimeline timeline;
    private final BiConsumer<UUID, String> cancelJob;
    private final Function<UUID, java.util.Set<String>> online;

    /**
     * @param cancelJob cancels a turn's job (and stops its worker) after a session was cancelled, with who did it
     * @param online the presence keys of the people connected to a session's stream
     */
    SessionService(
            Jdbi jdbi,
            Clock clock,
            TicketService tickets,
            SessionTransitions transitions,
            SessionTimeline timeline,
            BiConsumer<UUID, String> cancelJob,
            Function<UUID, java.util.Set<String>> online) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.tickets = tickets;
        this.transitions = transitions;
        this.timeline = timeline;
        this.cancelJob = cancelJob;
        this.online = online;
    }

    /** The project a session belongs to, for access checks (missing sessions answer 404). */
    public UUID projectOf(UUID sessionId) {
        return jdbi.withExtension(SessionDao.class, dao -> dao.find(sessionId))
                .map(AgentSession::projectId)
                .orElseThrow(() -> SessionTransitions.notFound(sessionId));
    }

    public SessionDetail launch(UUID ticketId, SessionRequests.Launch request, Acting acting) {
        if (request.mode() == JobKind.CLAW) {
            throw DomainException.invalid("SESSION_MODE_INVALID", "mode", "must be research, planning or execution");
        }
        TicketView ticket = tickets.get(ticketId);
        // refused before the session exists; its first turn checks again in the transaction that queues the job
        jdbi.useHandle(handle -> io.viberglass.platform.tickets.TicketTrustGate.requireRunnable(handle, ticketId));
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        try {
            jdbi.useTransaction(handle -> {
                SessionDao dao = handle.attach(SessionDao.class);
                dao.insertSession(
                        id,
                        ticket.projectId(),
                        ticket.id(),
                        request.clankerId(),
                        request.mode().wire(),
                        truncate(ticket.title(), 480) + " (" + request.mode().wire() + ")",
                        acting.userId(),
                        acting.name(),
                        now);
                AgentSession session = transitions.lock(handle, id);
                Map<String, Object> started = new LinkedHashMap<>();
                started.put("mode", request.mode().wire());
                started.put("clankerId", request.clankerId().toString());
                started.put("startedBy", acting.name());
                timeline.append(
                        handle,
                        id,
                        SessionTimeline.Entry.by(SessionEventType.SESSION_STARTED, started, null, acting),
                        now);
                AgentTurn first = transitions.addMessage(
                        handle, session, request.message().strip(), acting, now);
                transitions.deliver(handle, id, first, now);
            });
        } catch (UnableToExecuteStatementException e) {
            if (String.valueOf(e.getMessage()).contains("agent_sessions_live_key")) {
                throw DomainException.conflict(
                        "SESSION_ALREADY_ACTIVE",
                        "This ticket already has a live " + request.mode().wire() + " session");
            }
            throw e;
        }
        return detail(id);
    }

    public record Query(List<SessionStatus> statuses, UUID projectId, UUID ticketId, int limit, ProjectScope scope) {}

    public List<SessionDao.Listed> list(Query query) {
        List<String> statuses = (query.statuses().isEmpty() ? SessionStatus.LIVE : query.statuses())
                .stream().map(SessionStatus::wire).toList();
        return jdbi.withExtension(
                SessionDao.class,
                dao -> dao.list(
                        statuses,
                        query.projectId(),
                        query.ticketId(),
                        query.scope().viewer(),
                        query.limit()));
    }

    public SessionDetail detail(UUID id) {
        return jdbi.inTransaction(handle -> {
            SessionDao dao = handle.attach(SessionDao.class);
            AgentSession session = dao.find(id).orElseThrow(() -> SessionTransitions.notFound(id));
            return new SessionDetail(
                    SessionView.of(session),
                    dao.turns(id),
                    dao.latestEvents(id, LATEST_EVENTS),
                    dao.openRequest(id).orElse(null));
        });
    }

    public List<SessionEventRow> events(UUID id, long afterSequence, int limit) {
        return jdbi.inTransaction(handle -> {
            SessionDao dao = handle.attach(SessionDao.class);
            dao.find(id).orElseThrow(() -> SessionTransitions.notFound(id));
            return dao.eventsAfter(id, afterSequence, limit);
        });
    }

    /** The creator and everyone who wrote, in order of their first message, with whether they are connected now. */
    public List<Participant> participants(UUID id) {
        java.util.Set<String> connected = online.apply(id);
        return jdbi.inTransaction(handle -> {
            SessionDao dao = handle.attach(SessionDao.class);
            AgentSession session = dao.find(id).orElseThrow(() -> SessionTransitions.notFound(id));
            List<Participant> people = new ArrayList<>();
            List<SessionDao.Author> authors = dao.authors(id);
            if (session.createdBy() != null
                    && authors.stream().noneMatch(a -> a.userId().equals(session.createdBy()))) {
                people.add(new Participant(
                        session.createdBy(),
                        session.createdByName(),
                        session.createdAt(),
                        connected.contains(session.createdBy().toString())));
            }
            for (SessionDao.Author author : authors) {
                people.add(new Participant(
                        author.userId(),
                        author.name(),
                        author.lastActiveAt(),
                        connected.contains(author.userId().toString())));
            }
            return people;
        });
    }

    /** Answers the agent's open question; the answer starts the next turn (or waits for the one in flight). */
    public ActionResult reply(UUID id, SessionRequests.Reply request, Acting acting) {
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            AgentSession session = transitions.lock(handle, id);
            PendingRequest open = handle.attach(SessionDao.class)
                    .openRequest(id)
                    .filter(r -> r.requestType() == RequestType.INPUT)
                    .orElse(null);
            if (session.status() != SessionStatus.WAITING_ON_USER || open == null) {
                throw SessionTransitions.wrongState(session, "waiting on an answer (waiting_on_user)");
            }
            String text = request.replyText().strip();
            transitions.answerQuestion(handle, session, open, text, acting, now);
            AgentTurn message = transitions.addMessage(handle, session, text, acting, now);
            return transitions.deliver(handle, id, message, now);
        });
    }

    /**
     * A free message. While a turn runs it waits, and every message sent meanwhile goes with the next continuation
     * turn, each under its author's name; otherwise it starts a turn now. A message also answers an open question.
     */
    public ActionResult message(UUID id, SessionRequests.Message request, Acting acting) {
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            AgentSession session = transitions.lock(handle, id);
            if (session.status().isTerminal()) {
                throw SessionTransitions.wrongState(session, "live (active or waiting)");
            }
            String text = request.messageText().strip();
            Optional<PendingRequest> question =
                    handle.attach(SessionDao.class).openRequest(id).filter(r -> r.requestType() == RequestType.INPUT);
            if (question.isPresent()) {
                transitions.answerQuestion(handle, session, question.get(), text, acting, now);
            }
            AgentTurn message = transitions.addMessage(handle, session, text, acting, now);
            return transitions.deliver(handle, id, message, now);
        });
    }

    /** Decides the open permission request; the worker waiting on it learns the chosen option at once. */
    public ActionResult approve(UUID id, SessionRequests.Approve request, Acting acting) {
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            AgentSession session = transitions.lock(handle, id);
            PendingRequest open = handle.attach(SessionDao.class)
                    .openRequest(id)
                    .filter(r -> r.requestType() == RequestType.APPROVAL)
                    .orElse(null);
            if (session.status() != SessionStatus.WAITING_ON_APPROVAL || open == null) {
                throw SessionTransitions.wrongState(session, "waiting on a decision (waiting_on_approval)");
            }
            boolean approved = request.approved();
            String optionId = chooseOption(open, approved, request.optionId());
            transitions.decide(handle, session, open, approved, optionId, acting, now);
            AgentSession after = transitions.lock(handle, id);
            return new ActionResult(
                    SessionView.of(after),
                    null,
                    transitions.inFlight(handle, after).orElse(null),
                    false);
        });
    }

    public SessionView cancel(UUID id, Acting acting) {
        Instant now = clock.instant();
        Optional<AgentTurn> stopped = jdbi.inTransaction(handle -> {
            AgentSession session = transitions.lock(handle, id);
            return transitions.cancel(handle, session, acting, now);
        });
        stopped.map(AgentTurn::jobId).ifPresent(jobId -> cancelJob.accept(jobId, acting.name()));
        return detail(id).session();
    }

    /** The option a decision picks: the one named (which must fit the decision), or the first that fits. */
    static String chooseOption(PendingRequest request, boolean approved, String wanted) {
        List<PermissionOption> options = options(request);
        if (wanted != null) {
            PermissionOption option = options.stream()
                    .filter(o -> o.optionId().equals(wanted))
                    .findFirst()
                    .orElseThrow(() -> DomainException.invalid(
                            "PERMISSION_OPTION_UNKNOWN",
                            "optionId",
                            "must be one of "
                                    + options.stream()
                                            .map(PermissionOption::optionId)
                                            .toList()));
            if (option.allows() != approved) {
                throw DomainException.invalid(
                        "PERMISSION_OPTION_MISMATCH",
                        "optionId",
                        "option " + wanted + " (" + option.kind() + ") does not " + (approved ? "allow" : "reject"));
            }
            return option.optionId();
        }
        return options.stream()
                .filter(o -> o.allows() == approved)
                .map(PermissionOption::optionId)
                .findFirst()
                .orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static List<PermissionOption> options(PendingRequest request) {
        Object raw = request.requestJson().get("options");
        if (!(raw instanceof List<?> list)) {
            return List.of();
        }
        List<PermissionOption> options = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> map) {
                Map<String, Object> option = (Map<String, Object>) map;
                options.add(new PermissionOption(
                        String.valueOf(option.get("optionId")),
                        String.valueOf(option.get("name")),
                        String.valueOf(option.get("kind"))));
            }
        }
        return options;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
