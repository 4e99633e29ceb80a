package io.viberglass.platform.slack;

import io.viberglass.common.job.JobKind;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.sessions.Acting;
import io.viberglass.platform.sessions.PendingRequest;
import io.viberglass.platform.sessions.RequestType;
import io.viberglass.platform.sessions.SessionDetail;
import io.viberglass.platform.sessions.SessionRequests;
import io.viberglass.platform.sessions.SessionService;
import io.viberglass.platform.sessions.SessionStatus;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * People's side of a live session in a ticket thread: {@code @viberator session …} starts one in the thread's mode,
 * plain replies in the thread become session messages (all replies sent while a turn runs go with its next turn, each
 * under its author's name), and the Allow / Deny buttons or the words {@code approve} / {@code deny} decide the
 * agent's permission request. Everything goes through the session service as the person's own account.
 */
public class SlackSessions {
    static final Set<String> ALLOW = Set.of("approve", "approved", "allow", "yes", "lgtm", "looks good", "ok");
    static final Set<String> DENY = Set.of("deny", "denied", "reject", "rejected", "no");
    static final int MAX_MESSAGE = 20_000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final SlackActors actors;
    private final SessionService sessions;
    private final SlackNotices notices;
    private final ProjectAccess access;
    private final AuditLog audit;

    public SlackSessions(
            Jdbi jdbi,
            Clock clock,
            SlackActors actors,
            SessionService sessions,
            SlackNotices notices,
            ProjectAccess access,
            AuditLog audit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.actors = actors;
        this.sessions = sessions;
        this.notices = notices;
        this.access = access;
        this.audit = audit;
    }

    /** Starts a live session for the thread's ticket and binds the thread to it; returns what the thread is told. */
    String start(SlackThread thread, Actor actor, String message) {
        if (thread.clankerId() == null) {
            throw DomainException.conflict(
                    "CLANKER_MISSING", "This thread's agent runner was deleted; start a new ticket with /viberator");
        }
        UUID projectId = access.requireTicket(actor, thread.ticketId(), ProjectPermission.WRITE);
        SessionDetail detail = sessions.launch(
                thread.ticketId(),
                new SessionRequests.Launch(
                        JobKind.fromWire(thread.mode().wire()), thread.clankerId(), bounded(message)),
                Acting.of(actor));
        UUID sessionId = detail.session().id();
        jdbi.useExtension(SlackSessionDao.class, dao -> dao.bind(thread.id(), sessionId, clock.instant()));
        audit.record(AuditEntry.by(actor, "slack.session_started")
                .project(projectId)
                .target("ticket", thread.ticketId())
                .detail("session", sessionId.toString()));
        return "_Live " + thread.mode().wire() + " session started. Reply in this thread to talk to the agent: "
                + "replies sent while it works go with its next turn._";
    }

    /** The live session the thread talks to, if it has one. */
    Optional<UUID> liveSession(SlackThread thread) {
        return jdbi.withExtension(
                SlackSessionDao.class, dao -> dao.session(thread.id()).filter(id -> dao.status(id)
                        .map(status -> !SessionStatus.fromWire(status).isTerminal())
                        .orElse(false)));
    }

    /** A reply in a ticket thread that is not a mention: for the thread's live session, if there is one. */
    public void replied(String channelId, String threadTs, String slackUser, String text) {
        if (threadTs == null || text == null || text.isBlank()) {
            return;
        }
        Optional<SlackThread> thread =
                jdbi.withExtension(SlackThreadDao.class, dao -> dao.byThread(channelId, threadTs));
        Optional<UUID> session = thread.flatMap(this::liveSession);
        if (session.isEmpty()) {
            return; // talk among people, not for the agent
        }
        Optional<Actor> actor = actors.actor(slackUser);
        if (actor.isEmpty()) {
            notices.tell(thread.get().id(), slackUser, SlackMessages.notMapped());
            return;
        }
        try {
            send(thread.get(), session.get(), actor.get(), text.strip());
        } catch (DomainException e) {
            notices.tell(thread.get().id(), slackUser, "*Could not do that:* " + SlackMessages.escape(e.getMessage()));
        }
    }

    /** Says {@code text} in the session as {@code actor}: a decision while it waits on one, a message otherwise. */
    void send(SlackThread thread, UUID sessionId, Actor actor, String text) {
        access.requireTicket(actor, thread.ticketId(), ProjectPermission.WRITE);
        String word = text.toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}\\s]+$", "");
        PendingRequest pending = sessions.detail(sessionId).pendingRequest();
        boolean decides = pending != null
                && pending.requestType() == RequestType.APPROVAL
                && (ALLOW.contains(word) || DENY.contains(word));
        if (decides) {
            sessions.approve(sessionId, new SessionRequests.Approve(ALLOW.contains(word), null), Acting.of(actor));
            return;
        }
        sessions.message(sessionId, new SessionRequests.Message(bounded(text)), Acting.of(actor));
    }

    /** The Allow or Deny button of a permission card, valued {@code <sessionId>:<requestId>}. */
    public void decide(String value, String slackUser, boolean allow) {
        String[] parts = value == null ? new String[0] : value.split(":", 2);
        if (parts.length != 2) {
            return;
        }
        UUID sessionId;
        try {
            sessionId = UUID.fromString(parts[0]);
        } catch (IllegalArgumentException e) {
            return;
        }
        Optional<UUID> threadId = jdbi.withExtension(SlackSessionDao.class, dao -> dao.threadOf(sessionId));
        Optional<SlackThread> thread =
                threadId.flatMap(id -> jdbi.withExtension(SlackThreadDao.class, dao -> dao.find(id)));
        if (thread.isEmpty()) {
            return; // a card of a session whose thread is gone
        }
        Optional<Actor> actor = actors.actor(slackUser);
        if (actor.isEmpty()) {
            notices.tell(thread.get().id(), slackUser, SlackMessages.notMapped());
            return;
        }
        try {
            access.requireTicket(actor.get(), thread.get().ticketId(), ProjectPermission.WRITE);
            PendingRequest open = sessions.detail(sessionId).pendingRequest();
            if (open == null || !open.id().toString().equals(parts[1])) {
                throw DomainException.conflict("REQUEST_ALREADY_RESOLVED", "This request was decided already");
            }
            sessions.approve(sessionId, new SessionRequests.Approve(allow, null), Acting.of(actor.get()));
        } catch (DomainException e) {
            notices.tell(thread.get().id(), slackUser, "*Could not do that:* " + SlackMessages.escape(e.getMessage()));
        }
    }

    private static String bounded(String text) {
        if (text.length() > MAX_MESSAGE) {
            throw DomainException.invalid(
                    "MESSAGE_TOO_LONG", "message", "is longer than " + MAX_MESSAGE + " characters");
        }
        return text;
    }
}
