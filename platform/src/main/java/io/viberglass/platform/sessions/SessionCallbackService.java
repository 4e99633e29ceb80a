package io.viberglass.platform.sessions;

import io.viberglass.common.job.JobStatus;
import io.viberglass.common.security.SecretRedactor;
import io.viberglass.common.session.PermissionDecision;
import io.viberglass.common.session.PermissionRequest;
import io.viberglass.common.session.SessionCallbacks;
import io.viberglass.common.session.SessionEvent;
import io.viberglass.common.session.SessionEventBatch;
import io.viberglass.common.session.SessionEventType;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.errors.FieldError;
import io.viberglass.platform.jobs.CallbackCredentials;
import io.viberglass.platform.jobs.CallbackService;
import io.viberglass.platform.jobs.Job;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The worker's side of a session turn: the agent's events, its ACP session id, the conversation-state archive and
 * permission requests. Each call is authenticated with the job's callback token, like every job callback, and must
 * come from a job that is a session turn.
 */
public class SessionCallbackService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final SessionTransitions transitions;
    private final SessionTimeline timeline;
    private final Function<Job, SecretRedactor> redactors;

    SessionCallbackService(
            Jdbi jdbi,
            Clock clock,
            SessionTransitions transitions,
            SessionTimeline timeline,
            Function<Job, SecretRedactor> redactors) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.transitions = transitions;
        this.timeline = timeline;
        this.redactors = redactors;
    }

    /** A job that is one session turn, with its turn. */
    record TurnJob(Job job, AgentTurn turn) {}

    private static TurnJob turnJob(Handle handle, CallbackCredentials caller) {
        UUID jobId = caller.jobId();
        Job job = CallbackService.authenticate(handle, caller, false);
        AgentTurn turn = handle.attach(SessionDao.class)
                .turnOfJob(jobId)
                .orElseThrow(() -> DomainException.notFound(
                        "SESSION_TURN_NOT_FOUND", "Job " + jobId + " is not a turn of an agent session"));
        return new TurnJob(job, turn);
    }

    private static void requireActive(Job job) {
        if (job.status() != JobStatus.ACTIVE) {
            throw DomainException.conflict(
                    "JOB_NOT_ACTIVE", "The job is " + job.status().wire() + "; it takes no more session events");
        }
    }

    /** Appends the agent's events (redacted again here); a question ends up as the session's open input request. */
    public int events(CallbackCredentials caller, SessionEventBatch batch) {
        List<FieldError> refused = new ArrayList<>();
        for (int i = 0; i < batch.events().size(); i++) {
            if (!batch.events().get(i).type().fromWorker()) {
                refused.add(new FieldError(
                        "events[" + i + "].type",
                        batch.events().get(i).type().wire() + " is raised by the platform, not sent by workers"));
            }
        }
        if (!refused.isEmpty()) {
            throw DomainException.invalid("SESSION_EVENT_TYPE_REFUSED", "Events of platform-only types", refused);
        }
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            TurnJob turnJob = turnJob(handle, caller);
            requireActive(turnJob.job());
            AgentSession session = transitions.lock(handle, turnJob.turn().sessionId());
            if (session.status().isTerminal()) {
                throw DomainException.conflict(
                        "SESSION_ENDED", "The session is " + session.status().wire() + "; it takes no more events");
            }
            SecretRedactor redactor = redactors.apply(turnJob.job());
            List<SessionTimeline.Entry> entries = new ArrayList<>();
            String question = null;
            for (SessionEvent event : batch.events()) {
                Map<String, Object> payload = Redaction.redact(event.payload(), redactor);
                entries.add(SessionTimeline.Entry.of(
                        event.type(), payload, turnJob.turn().id(), caller.jobId()));
                if (event.type() == SessionEventType.NEEDS_INPUT && question == null) {
                    Object prompt = payload.getOrDefault("prompt", payload.get("text"));
                    question = prompt == null ? "The agent asks for input" : String.valueOf(prompt);
                }
            }
            timeline.append(handle, session.id(), entries, now);
            if (question != null) {
                transitions.needsInput(handle, session, turnJob.turn(), question, now);
            }
            return entries.size();
        });
    }

    public void acpSessionId(CallbackCredentials caller, String acpSessionId) {
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            TurnJob turnJob = turnJob(handle, caller);
            requireActive(turnJob.job());
            transitions.lock(handle, turnJob.turn().sessionId());
            handle.attach(SessionDao.class).setAcpSessionId(turnJob.turn().sessionId(), acpSessionId, now);
        });
    }

    /** Stores the turn's conversation-state archive for the next turn (the previous one is replaced). */
    public long saveState(CallbackCredentials caller, InputStream body) {
        UUID sessionId = jdbi.inTransaction(handle -> {
            TurnJob turnJob = turnJob(handle, caller);
            requireActive(turnJob.job());
            return turnJob.turn().sessionId();
        });
        byte[] archive = readLimited(body, SessionCallbacks.MAX_STATE_BYTES);
        if (archive.length < 2 || (archive[0] & 0xff) != 0x1f || (archive[1] & 0xff) != 0x8b) {
            throw DomainException.invalid("SESSION_STATE_NOT_GZIP", "body", "must be a gzip archive");
        }
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            transitions.lock(handle, sessionId);
            handle.attach(SessionDao.class).saveState(sessionId, caller.jobId(), archive.length, archive, now);
        });
        return archive.length;
    }

    /** The archive the previous turn left, for a turn whose payload says {@code restoreState}. */
    public byte[] state(CallbackCredentials caller) {
        return jdbi.inTransaction(handle -> {
            TurnJob turnJob = turnJob(handle, caller);
            return handle.attach(SessionDao.class)
                    .state(turnJob.turn().sessionId())
                    .orElseThrow(() -> DomainException.notFound(
                            "SESSION_STATE_NOT_FOUND", "The session has no saved conversation state"));
        });
    }

    public UUID requestPermission(CallbackCredentials caller, PermissionRequest request) {
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            TurnJob turnJob = turnJob(handle, caller);
            requireActive(turnJob.job());
            AgentSession session = transitions.lock(handle, turnJob.turn().sessionId());
            AgentTurn turn =
                    handle.attach(SessionDao.class).turn(turnJob.turn().id()).orElseThrow();
            SecretRedactor redactor = redactors.apply(turnJob.job());
            String title = redactor.redact(request.title());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("toolCallId", request.toolCallId());
            details.put("title", title);
            details.put(
                    "options",
                    request.options().stream()
                            .map(o -> Map.of(
                                    "optionId", o.optionId(),
                                    "name", redactor.redact(o.name()),
                                    "kind", o.kind()))
                            .toList());
            return transitions.needsApproval(handle, session, turn, title, details, now);
        });
    }

    /** Where a permission request stands now, as the worker's long poll answers it. */
    public PermissionDecision decision(CallbackCredentials caller, UUID requestId) {
        return jdbi.inTransaction(handle -> decision(handle, turnJob(handle, caller), requestId));
    }

    /** The same, for a waiter already authenticated (re-checked when its session is woken). */
    PermissionDecision decision(UUID jobId, UUID requestId) {
        return jdbi.inTransaction(handle -> {
            Job job = handle.attach(io.viberglass.platform.jobs.JobDao.class)
                    .find(jobId)
                    .orElseThrow();
            AgentTurn turn = handle.attach(SessionDao.class).turnOfJob(jobId).orElseThrow();
            return decision(handle, new TurnJob(job, turn), requestId);
        });
    }

    /** The session a job's turn belongs to, to wait on its wake-ups. */
    UUID sessionOf(UUID jobId) {
        return jdbi.withExtension(SessionDao.class, dao -> dao.turnOfJob(jobId))
                .map(AgentTurn::sessionId)
                .orElseThrow();
    }

    private static PermissionDecision decision(Handle handle, TurnJob turnJob, UUID requestId) {
        SessionDao dao = handle.attach(SessionDao.class);
        PendingRequest request = dao.request(requestId)
                .filter(r -> turnJob.job().id().equals(r.jobId()) && r.requestType() == RequestType.APPROVAL)
                .orElseThrow(() -> DomainException.notFound(
                        "PERMISSION_REQUEST_NOT_FOUND", "Permission request " + requestId + " not found"));
        return switch (request.status()) {
            case RESOLVED ->
                new PermissionDecision(
                        PermissionDecision.Status.RESOLVED,
                        request.responseJson() == null
                                ? null
                                : (String) request.responseJson().get("optionId"),
                        request.resolvedByName());
            case OPEN -> {
                boolean stillAskable = !turnJob.job().status().isTerminal()
                        && dao.find(request.sessionId())
                                .map(s -> s.status().isLive())
                                .orElse(false);
                yield new PermissionDecision(
                        stillAskable ? PermissionDecision.Status.OPEN : PermissionDecision.Status.CANCELLED,
                        null,
                        null);
            }
            default -> new PermissionDecision(PermissionDecision.Status.CANCELLED, null, null);
        };
    }

    static byte[] readLimited(InputStream body, long max) {
        try (InputStream in = body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                total += read;
                if (total > max) {
                    throw new DomainException(
                            io.viberglass.platform.infra.errors.ErrorKind.TOO_LARGE,
                            "SESSION_STATE_TOO_LARGE",
                            "The conversation state may be at most " + max + " bytes");
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
