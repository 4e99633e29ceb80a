package io.viberglass.platform.sessions;

import io.viberglass.common.session.SessionEventType;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.json.JsonText;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every change of a session's state, in one place. Each method runs in the caller's transaction after {@link #lock}
 * took the session's row lock ({@code SELECT ... FOR UPDATE}), so changes to one session are serialized across
 * platform instances, and the conditional updates beneath refuse a transition from the wrong state.
 */
final class SessionTransitions {
    private static final Logger LOG = LoggerFactory.getLogger(SessionTransitions.class);
    private static final List<String> IN_FLIGHT =
            List.of(TurnStatus.QUEUED.wire(), TurnStatus.RUNNING.wire(), TurnStatus.BLOCKED.wire());

    private final SessionTimeline timeline;
    private final TurnLauncher launcher;
    private final JsonText json;

    SessionTransitions(SessionTimeline timeline, TurnLauncher launcher, JsonText json) {
        this.timeline = timeline;
        this.launcher = launcher;
        this.json = json;
    }

    static DomainException notFound(UUID id) {
        return DomainException.notFound("SESSION_NOT_FOUND", "Agent session " + id + " not found");
    }

    static DomainException wrongState(AgentSession session, String expected) {
        return DomainException.conflict(
                "SESSION_NOT_IN_EXPECTED_STATE",
                "The session is " + session.status().wire() + "; this needs it " + expected);
    }

    AgentSession lock(Handle handle, UUID sessionId) {
        return handle.attach(SessionDao.class).lock(sessionId).orElseThrow(() -> notFound(sessionId));
    }

    Optional<AgentTurn> inFlight(Handle handle, AgentSession session) {
        if (session.lastTurnId() == null) {
            return Optional.empty();
        }
        return handle.attach(SessionDao.class).turn(session.lastTurnId()).filter(turn -> turn.status()
                .inFlight());
    }

    /** A person's message: a completed user turn waiting for the next assistant turn, and its event. */
    AgentTurn addMessage(Handle handle, AgentSession session, String text, Acting acting, Instant now) {
        SessionDao dao = handle.attach(SessionDao.class);
        UUID id = UUID.randomUUID();
        int sequence = dao.reserveTurn(session.id());
        dao.insertTurn(
                id,
                session.id(),
                TurnRole.USER.wire(),
                TurnStatus.COMPLETED.wire(),
                sequence,
                text,
                null,
                acting.userId(),
                acting.name(),
                now,
                now,
                now);
        timeline.append(
                handle,
                session.id(),
                SessionTimeline.Entry.by(
                        SessionEventType.USER_MESSAGE,
                        Map.of("turnId", id.toString(), "text", text, "author", acting.name()),
                        id,
                        acting),
                now);
        return dao.turn(id).orElseThrow();
    }

    /**
     * After a person wrote: the turn in flight takes the message later (answers it and {@code queued}), or a new turn
     * starts with every waiting message.
     */
    ActionResult deliver(Handle handle, UUID sessionId, AgentTurn message, Instant now) {
        AgentSession session = lock(handle, sessionId);
        Optional<AgentTurn> running = inFlight(handle, session);
        if (running.isPresent()) {
            return new ActionResult(SessionView.of(session), message, running.get(), true);
        }
        AgentTurn launched = launcher.launch(handle, session, now).orElse(null);
        return new ActionResult(SessionView.of(lock(handle, sessionId)), message, launched, false);
    }

    /** Resolves the open question with a person's answer; the session works again. */
    void answerQuestion(
            Handle handle, AgentSession session, PendingRequest request, String text, Acting acting, Instant now) {
        SessionDao dao = handle.attach(SessionDao.class);
        if (dao.resolve(request.id(), json.write(Map.of("replyText", text)), acting.userId(), acting.name(), now)
                == 0) {
            throw DomainException.conflict("REQUEST_ALREADY_RESOLVED", "Someone answered this question already");
        }
        dao.setPendingRequest(session.id(), null, now);
        dao.setStatus(session.id(), SessionStatus.ACTIVE.wire(), now);
    }

    /** The agent asked the people a question: the turn blocks and the session waits for an answer. */
    void needsInput(Handle handle, AgentSession session, AgentTurn turn, String prompt, Instant now) {
        SessionDao dao = handle.attach(SessionDao.class);
        if (dao.openRequest(session.id()).isPresent()) {
            return;
        }
        UUID requestId = UUID.randomUUID();
        dao.insertRequest(
                requestId,
                session.id(),
                turn.id(),
                turn.jobId(),
                RequestType.INPUT.wire(),
                prompt,
                json.write(Map.of("prompt", prompt)),
                now);
        dao.moveTurn(
                turn.id(),
                TurnStatus.BLOCKED.wire(),
                List.of(TurnStatus.QUEUED.wire(), TurnStatus.RUNNING.wire()),
                now);
        dao.setPendingRequest(session.id(), requestId, now);
        dao.setStatus(session.id(), SessionStatus.WAITING_ON_USER.wire(), now);
    }

    /** The agent asks permission for a tool call: an approval request, and the session waits on a decision. */
    UUID needsApproval(
            Handle handle,
            AgentSession session,
            AgentTurn turn,
            String prompt,
            Map<String, Object> request,
            Instant now) {
        SessionDao dao = handle.attach(SessionDao.class);
        if (!turn.status().inFlight() || session.status().isTerminal()) {
            throw DomainException.conflict(
                    "TURN_NOT_RUNNING", "The session's turn is " + turn.status().wire() + "; nobody can answer now");
        }
        if (dao.openRequest(session.id()).isPresent()) {
            throw DomainException.conflict(
                    "REQUEST_ALREADY_OPEN", "The session already waits on a person for another request");
        }
        UUID requestId = UUID.randomUUID();
        dao.insertRequest(
                requestId,
                session.id(),
                turn.id(),
                turn.jobId(),
                RequestType.APPROVAL.wire(),
                prompt,
                json.write(request),
                now);
        dao.moveTurn(
                turn.id(),
                TurnStatus.BLOCKED.wire(),
                List.of(TurnStatus.QUEUED.wire(), TurnStatus.RUNNING.wire()),
                now);
        dao.setPendingRequest(session.id(), requestId, now);
        dao.setStatus(session.id(), SessionStatus.WAITING_ON_APPROVAL.wire(), now);
        Map<String, Object> payload = new LinkedHashMap<>(request);
        payload.put("prompt", prompt);
        payload.put("requestId", requestId.toString());
        timeline.append(
                handle,
                session.id(),
                SessionTimeline.Entry.of(SessionEventType.NEEDS_APPROVAL, payload, turn.id(), turn.jobId()),
                now);
        return requestId;
    }

    /** A person decided a permission request; the blocked turn runs on (the worker's long poll hands it over). */
    void decide(
            Handle handle,
            AgentSession session,
            PendingRequest request,
            boolean approved,
            String optionId,
            Acting acting,
            Instant now) {
        SessionDao dao = handle.attach(SessionDao.class);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("approved", approved);
        response.put("optionId", optionId);
        if (dao.resolve(request.id(), json.write(response), acting.userId(), acting.name(), now) == 0) {
            throw DomainException.conflict("REQUEST_ALREADY_RESOLVED", "Someone decided this request already");
        }
        if (request.turnId() != null) {
            dao.moveTurn(request.turnId(), TurnStatus.RUNNING.wire(), List.of(TurnStatus.BLOCKED.wire()), now);
        }
        dao.setPendingRequest(session.id(), null, now);
        dao.setStatus(session.id(), SessionStatus.ACTIVE.wire(), now);
        Map<String, Object> payload = new LinkedHashMap<>(response);
        payload.put("requestId", request.id().toString());
        payload.put("decidedBy", acting.name());
        timeline.append(
                handle,
                session.id(),
                SessionTimeline.Entry.by(SessionEventType.APPROVAL_RESOLVED, payload, request.turnId(), acting),
                now);
    }

    /** Ends the session for good; its turn in flight is cancelled and nobody is asked anything any more. */
    Optional<AgentTurn> cancel(Handle handle, AgentSession session, Acting acting, Instant now) {
        if (session.status().isTerminal()) {
            throw wrongState(session, "live (active or waiting)");
        }
        SessionDao dao = handle.attach(SessionDao.class);
        Optional<AgentTurn> running = inFlight(handle, session);
        running.ifPresent(turn -> dao.moveTurn(turn.id(), TurnStatus.CANCELLED.wire(), IN_FLIGHT, now));
        dao.cancelOpen(session.id(), now);
        dao.setPendingRequest(session.id(), null, now);
        dao.setStatus(session.id(), SessionStatus.CANCELLED.wire(), now);
        timeline.append(
                handle,
                session.id(),
                SessionTimeline.Entry.by(
                        SessionEventType.SESSION_CANCELLED,
                        Map.of("cancelledBy", acting.name()),
                        running.map(AgentTurn::id).orElse(null),
                        acting),
                now);
        return running;
    }

    /** The turn's job was picked up by a worker. */
    void turnStarted(Handle handle, AgentTurn turn, Instant now) {
        lock(handle, turn.sessionId());
        handle.attach(SessionDao.class)
                .moveTurn(turn.id(), TurnStatus.RUNNING.wire(), List.of(TurnStatus.QUEUED.wire()), now);
    }

    /** How a turn's job ended, for {@link #turnEnded}. */
    record Ending(boolean success, String documentPath, String error, String failureCode) {}

    /**
     * The turn's job ended. The turn and any permission request it left open close; then the session waits for its
     * open question, starts a continuation turn with the messages people sent meanwhile, completes (a research or
     * planning turn that saved its document, with nothing more to do), or stays open for the next message.
     */
    void turnEnded(Handle handle, AgentTurn turn, Ending ending, Instant now) {
        AgentSession session = lock(handle, turn.sessionId());
        SessionDao dao = handle.attach(SessionDao.class);
        TurnStatus to = ending.success() ? TurnStatus.COMPLETED : TurnStatus.FAILED;
        if (session.status().isTerminal() || dao.moveTurn(turn.id(), to.wire(), IN_FLIGHT, now) == 0) {
            return; // the session was cancelled (its turn with it) or the turn ended already
        }
        for (UUID requestId : dao.cancelOpenApprovals(session.id(), turn.jobId(), now)) {
            dao.setPendingRequest(session.id(), null, now);
            timeline.append(
                    handle,
                    session.id(),
                    SessionTimeline.Entry.of(
                            SessionEventType.APPROVAL_RESOLVED,
                            Map.of(
                                    "requestId",
                                    requestId.toString(),
                                    "status",
                                    "cancelled",
                                    "reason",
                                    "The turn ended"),
                            turn.id(),
                            turn.jobId()),
                    now);
        }
        if (ending.documentPath() != null) {
            timeline.append(
                    handle,
                    session.id(),
                    SessionTimeline.Entry.of(
                            SessionEventType.ARTIFACT_UPDATED,
                            Map.of(
                                    "path",
                                    ending.documentPath(),
                                    "phase",
                                    session.mode().wire()),
                            turn.id(),
                            turn.jobId()),
                    now);
        }
        Map<String, Object> end = new LinkedHashMap<>();
        end.put("turnId", turn.id().toString());
        end.put("jobId", String.valueOf(turn.jobId()));
        if (ending.success()) {
            end.put("documentSaved", ending.documentPath() != null);
        } else {
            end.put("error", ending.error());
            end.put("code", ending.failureCode());
        }
        timeline.append(
                handle,
                session.id(),
                SessionTimeline.Entry.of(
                        ending.success() ? SessionEventType.TURN_COMPLETED : SessionEventType.TURN_FAILED,
                        end,
                        turn.id(),
                        turn.jobId()),
                now);
        AgentSession current = lock(handle, session.id());
        if (current.status() == SessionStatus.WAITING_ON_USER) {
            return;
        }
        if (current.status() == SessionStatus.WAITING_ON_APPROVAL) {
            dao.setStatus(session.id(), SessionStatus.ACTIVE.wire(), now);
        }
        if (!dao.waitingMessages(session.id()).isEmpty()) {
            continueWith(handle, session.id(), now);
            return;
        }
        if (ending.success() && ending.documentPath() != null) {
            dao.setStatus(session.id(), SessionStatus.COMPLETED.wire(), now);
            timeline.append(
                    handle,
                    session.id(),
                    SessionTimeline.Entry.of(
                            SessionEventType.SESSION_COMPLETED,
                            Map.of("documentSaved", true, "path", ending.documentPath()),
                            turn.id(),
                            turn.jobId()),
                    now);
        }
    }

    /**
     * Starts the continuation turn inside the job-result transaction. If it cannot start (the runner was switched off
     * meanwhile), the result still counts: the messages keep waiting and the timeline says why nothing runs.
     */
    private void continueWith(Handle handle, UUID sessionId, Instant now) {
        handle.savepoint("session_continuation");
        try {
            launcher.launch(handle, lock(handle, sessionId), now);
        } catch (DomainException e) {
            handle.rollbackToSavepoint("session_continuation");
            LOG.info("Session {} could not start its continuation turn: {}", sessionId, e.getMessage());
            timeline.append(
                    handle,
                    sessionId,
                    SessionTimeline.Entry.of(
                            SessionEventType.TURN_FAILED,
                            Map.of("error", "The next turn could not start: " + e.getMessage(), "code", e.code()),
                            null,
                            null),
                    now);
        }
    }
}
