package io.viberglass.platform.trust;

import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.json.JsonText;
import io.viberglass.platform.tickets.LifecycleStatus;
import io.viberglass.platform.tickets.OutsideAuthor;
import io.viberglass.platform.tickets.TicketAuthor;
import io.viberglass.platform.tickets.TicketAuthorDao;
import io.viberglass.platform.tickets.TicketDao;
import io.viberglass.platform.tickets.TicketService;
import io.viberglass.platform.tickets.TrustState;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Trust of outside authors: the project's rules, the verdict on an author, runs held for approval, and an approver's
 * decision. An approval releases the held runs, started after the decision commits (a run that cannot start keeps a
 * note on its hold); a rejection closes the ticket with the reason.
 */
public class TrustService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final JsonText json;
    private final TicketService tickets;
    private final Supplier<HeldRunStarter> starter;

    /** {@code starter} is looked up on use: the webhook feature that starts held runs is wired after this service. */
    public TrustService(
            Jdbi jdbi, Clock clock, JsonText json, TicketService tickets, Supplier<HeldRunStarter> starter) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.json = json;
        this.tickets = tickets;
        this.starter = starter;
    }

    /** A ticket's author, its decision and the runs held for it. */
    public record TicketTrustView(TicketAuthor author, boolean awaitingApproval, List<Hold> holds) {}

    public TrustSettings settings(UUID projectId) {
        return jdbi.withExtension(TrustDao.class, dao -> dao.settings(projectId))
                .orElseGet(() -> TrustSettings.defaults(projectId));
    }

    public TrustSettings update(UUID projectId, TrustSettingsRequest request, String actor) {
        List<String> identities = TrustRules.normalize(request.trustedIdentities());
        jdbi.useExtension(
                TrustDao.class,
                dao -> dao.saveSettings(
                        projectId, json.write(identities), request.trustRepositoryMembers(), actor, clock.instant()));
        return settings(projectId);
    }

    /** What the project's rules say about an outside author. */
    public OutsideAuthor judge(UUID projectId, String provider, String identity, String association) {
        return TrustRules.judge(settings(projectId), provider, identity, association);
    }

    /**
     * Holds a run {@code author} asked for until an approver decides. Returns false when the delivery (or, for an
     * execution, the ticket) already holds one.
     */
    public boolean hold(UUID ticketId, String kind, OutsideAuthor author, Map<String, Object> run, UUID deliveryId) {
        int held = jdbi.withExtension(
                TrustDao.class,
                dao -> dao.hold(
                        UUID.randomUUID(),
                        ticketId,
                        kind,
                        author.provider(),
                        author.identity(),
                        author.reason(),
                        json.write(run),
                        deliveryId,
                        clock.instant()));
        return held > 0;
    }

    public TicketTrustView view(UUID ticketId) {
        return jdbi.inTransaction(handle -> view(handle, ticketId));
    }

    /** Approves the ticket's author: its held executions start as they would have. */
    public TicketTrustView approve(UUID ticketId, String actor, String comment) {
        List<Hold> released = jdbi.inTransaction(handle -> {
            requireAwaiting(handle, ticketId);
            Instant now = clock.instant();
            handle.attach(TicketAuthorDao.class).decide(ticketId, TrustState.APPROVED, actor, blank(comment), now);
            TrustDao dao = handle.attach(TrustDao.class);
            List<Hold> executions = dao.awaitingForUpdate(ticketId).stream()
                    .filter(hold -> hold.kind().equals(Hold.EXECUTION))
                    .toList();
            executions.forEach(hold -> dao.decide(hold.id(), TrustState.APPROVED, actor, blank(comment), now));
            return executions;
        });
        released.forEach(this::start);
        return view(ticketId);
    }

    /** Rejects the ticket's author: nothing of the ticket runs, and the ticket is closed with the reason. */
    public TicketTrustView reject(UUID ticketId, String actor, String reason) {
        jdbi.useTransaction(handle -> {
            requireAwaiting(handle, ticketId);
            Instant now = clock.instant();
            handle.attach(TicketAuthorDao.class).decide(ticketId, TrustState.REJECTED, actor, reason.strip(), now);
            TrustDao dao = handle.attach(TrustDao.class);
            dao.awaitingForUpdate(ticketId)
                    .forEach(hold -> dao.decide(hold.id(), TrustState.REJECTED, actor, reason.strip(), now));
        });
        tickets.setStatus(ticketId, LifecycleStatus.RESOLVED);
        return view(ticketId);
    }

    /** Approves one held run (a follow-up, or a run a different author asked for on an approved ticket). */
    public TicketTrustView approveHold(UUID ticketId, UUID holdId, String actor, String comment) {
        Hold approved = jdbi.inTransaction(handle -> {
            Hold hold = awaitingHold(handle, ticketId, holdId);
            TicketAuthor author =
                    handle.attach(TicketAuthorDao.class).find(ticketId).orElse(null);
            if (author != null && !author.state().allowsRuns()) {
                throw DomainException.conflict(
                        "TICKET_UNTRUSTED", "Decide on the ticket's own author first; its runs wait for that");
            }
            handle.attach(TrustDao.class)
                    .decide(hold.id(), TrustState.APPROVED, actor, blank(comment), clock.instant());
            return hold;
        });
        start(approved);
        return view(ticketId);
    }

    public TicketTrustView rejectHold(UUID ticketId, UUID holdId, String actor, String reason) {
        jdbi.useTransaction(handle -> {
            Hold hold = awaitingHold(handle, ticketId, holdId);
            handle.attach(TrustDao.class)
                    .decide(hold.id(), TrustState.REJECTED, actor, reason.strip(), clock.instant());
        });
        return view(ticketId);
    }

    private void start(Hold hold) {
        try {
            UUID jobId = starter.get().start(hold);
            jdbi.useExtension(TrustDao.class, dao -> dao.started(hold.id(), jobId));
        } catch (DomainException e) {
            jdbi.useExtension(TrustDao.class, dao -> dao.note(hold.id(), "Not started: " + e.getMessage()));
        }
    }

    private static void requireAwaiting(Handle handle, UUID ticketId) {
        handle.attach(TicketDao.class)
                .find(ticketId)
                .orElseThrow(() -> DomainException.notFound("TICKET_NOT_FOUND", "Ticket " + ticketId + " not found"));
        TicketAuthor author = handle.attach(TicketAuthorDao.class)
                .findForUpdate(ticketId)
                .orElseThrow(() -> DomainException.conflict(
                        "TRUST_NOT_AWAITING", "The ticket was created by a platform user and needs no approval"));
        if (author.state() != TrustState.AWAITING) {
            throw DomainException.conflict(
                    "TRUST_NOT_AWAITING",
                    author.state() == TrustState.TRUSTED
                            ? "The ticket's author is trusted; there is nothing to approve"
                            : "The ticket's author was already "
                                    + author.state().wire() + " by " + author.decidedBy());
        }
    }

    private static Hold awaitingHold(Handle handle, UUID ticketId, UUID holdId) {
        Hold hold = handle.attach(TrustDao.class)
                .holdForUpdate(ticketId, holdId)
                .orElseThrow(() -> DomainException.notFound(
                        "TRUST_HOLD_NOT_FOUND", "Held run " + holdId + " not found on this ticket"));
        if (hold.state() != TrustState.AWAITING) {
            throw DomainException.conflict(
                    "TRUST_NOT_AWAITING",
                    "The held run was already " + hold.state().wire() + " by " + hold.decidedBy());
        }
        return hold;
    }

    private static TicketTrustView view(Handle handle, UUID ticketId) {
        var ticket = handle.attach(TicketDao.class)
                .find(ticketId)
                .orElseThrow(() -> DomainException.notFound("TICKET_NOT_FOUND", "Ticket " + ticketId + " not found"));
        TicketAuthor author = handle.attach(TicketAuthorDao.class)
                .find(ticketId)
                .orElseGet(() -> TicketAuthor.platformUser(ticketId, ticket.createdAt(), ticket.ticketSystem()));
        return new TicketTrustView(
                author, author.awaitingApproval(), handle.attach(TrustDao.class).holds(ticketId));
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
