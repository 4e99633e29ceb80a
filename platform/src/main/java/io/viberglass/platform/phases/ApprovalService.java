package io.viberglass.platform.phases;

import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.tickets.Ticket;
import io.viberglass.platform.tickets.TicketDao;
import io.viberglass.platform.tickets.WorkflowPhase;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Review of research and plan documents: request approval, approve (which moves the ticket to the next phase) and
 * revoke, each written to the approval audit trail with its author and the revision it concerned.
 */
public class ApprovalService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final LifecycleSync lifecycle;
    private final Approvers approvers;
    private final List<ApprovalListener> listeners;

    public ApprovalService(
            Jdbi jdbi, Clock clock, LifecycleSync lifecycle, Approvers approvers, List<ApprovalListener> listeners) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.lifecycle = lifecycle;
        this.approvers = approvers;
        this.listeners = List.copyOf(listeners);
    }

    public DocumentView requestApproval(UUID ticketId, WorkflowPhase phase, String actor) {
        return change(ticketId, phase, (handle, ticket, document, now) -> {
            requireContent(document, phase);
            if (document.approvalState() == ApprovalState.APPROVED) {
                throw DomainException.conflict("ALREADY_APPROVED", "The " + name(phase) + " is already approved");
            }
            if (document.approvalState() != ApprovalState.APPROVAL_REQUESTED) {
                record(
                        handle,
                        document,
                        ApprovalState.APPROVAL_REQUESTED,
                        null,
                        null,
                        "approval_requested",
                        actor,
                        null,
                        now);
                PhaseDocument requested =
                        handle.attach(PhaseDao.class).document(ticketId, phase).orElseThrow();
                listeners.forEach(listener -> listener.onApprovalRequested(handle, ticketId, requested, actor, now));
            }
        });
    }

    public DocumentView approve(UUID ticketId, WorkflowPhase phase, String actor) {
        return change(ticketId, phase, (handle, ticket, document, now) -> {
            approvers.requireApprover(ticket.projectId(), actor);
            requireContent(document, phase);
            if (document.approvalState() == ApprovalState.APPROVED) {
                throw DomainException.conflict("ALREADY_APPROVED", "The " + name(phase) + " is already approved");
            }
            if (handle.attach(PhaseDao.class).runInFlight(ticketId, phase.wire())) {
                throw DomainException.conflict(
                        "PHASE_RUN_ACTIVE",
                        "A " + phase.wire() + " run may still rewrite " + "the " + name(phase)
                                + "; approve it when the run has finished");
            }
            record(handle, document, ApprovalState.APPROVED, now, actor, "approved", actor, null, now);
            if (ticket.workflowPhase() == phase) {
                handle.attach(TicketDao.class).setPhase(ticketId, WorkflowPhase.values()[phase.ordinal() + 1], now);
            }
            PhaseDocument approved =
                    handle.attach(PhaseDao.class).document(ticketId, phase).orElseThrow();
            listeners.forEach(listener -> listener.onApproved(handle, ticketId, approved, actor, now));
        });
    }

    public DocumentView revoke(UUID ticketId, WorkflowPhase phase, String actor) {
        return change(ticketId, phase, (handle, ticket, document, now) -> {
            approvers.requireApprover(ticket.projectId(), actor);
            if (document.approvalState() != ApprovalState.APPROVED
                    && document.approvalState() != ApprovalState.APPROVAL_REQUESTED) {
                throw DomainException.conflict(
                        "NOT_APPROVED", "The " + name(phase) + " is not approved or awaiting " + "approval");
            }
            record(handle, document, ApprovalState.DRAFT, null, null, "revoked", actor, null, now);
        });
    }

    /**
     * Sends the document back: it stays as it is, marked rejected with the reason, until a new revision (a revision
     * run or an edit) puts it up for review again. An approved document is revoked, not rejected.
     */
    public DocumentView reject(UUID ticketId, WorkflowPhase phase, String actor, String reason) {
        return change(ticketId, phase, (handle, ticket, document, now) -> {
            approvers.requireApprover(ticket.projectId(), actor);
            requireContent(document, phase);
            if (document.approvalState() == ApprovalState.APPROVED) {
                throw DomainException.conflict(
                        "ALREADY_APPROVED",
                        "The " + name(phase) + " is already approved; revoke the approval to send it back");
            }
            if (document.approvalState() == ApprovalState.REJECTED) {
                throw DomainException.conflict(
                        "ALREADY_REJECTED", "This revision of the " + name(phase) + " is already rejected");
            }
            if (handle.attach(PhaseDao.class).runInFlight(ticketId, phase.wire())) {
                throw DomainException.conflict(
                        "PHASE_RUN_ACTIVE",
                        "A " + phase.wire() + " run may still rewrite the " + name(phase)
                                + "; review it when the run has finished");
            }
            record(handle, document, ApprovalState.REJECTED, null, null, "rejected", actor, reason, now);
        });
    }

    public List<PhaseDao.ApprovalEvent> history(UUID ticketId, WorkflowPhase phase) {
        return jdbi.inTransaction(handle -> {
            DocumentService.requireTicket(handle, ticketId);
            return handle.attach(PhaseDao.class).approvals(ticketId, phase);
        });
    }

    private interface Change {
        void apply(Handle handle, Ticket ticket, PhaseDocument document, Instant now);
    }

    private DocumentView change(UUID ticketId, WorkflowPhase phase, Change change) {
        DocumentService.requireDocumentPhase(phase);
        return jdbi.inTransaction(handle -> {
            Ticket ticket = handle.attach(TicketDao.class)
                    .findForUpdate(ticketId)
                    .orElseThrow(
                            () -> DomainException.notFound("TICKET_NOT_FOUND", "Ticket " + ticketId + " not found"));
            PhaseDocument document = handle.attach(PhaseDao.class)
                    .documentForUpdate(ticketId, phase)
                    .orElseThrow(() -> DomainException.invalid(
                            "DOCUMENT_MISSING", "phase", "There is no " + name(phase) + " yet"));
            Instant now = clock.instant();
            change.apply(handle, ticket, document, now);
            lifecycle.synchronize(handle, ticketId, now);
            return DocumentView.of(
                    handle.attach(PhaseDao.class).document(ticketId, phase).orElseThrow());
        });
    }

    private static void record(
            Handle handle,
            PhaseDocument document,
            ApprovalState state,
            Instant approvedAt,
            String approvedBy,
            String action,
            String actor,
            String comment,
            Instant now) {
        PhaseDao dao = handle.attach(PhaseDao.class);
        dao.updateDocument(document.id(), document.content(), document.revision(), state, approvedAt, approvedBy, now);
        dao.insertApproval(
                UUID.randomUUID(),
                document.ticketId(),
                document.phase(),
                action,
                actor,
                comment,
                document.revision(),
                now);
    }

    private static void requireContent(PhaseDocument document, WorkflowPhase phase) {
        if (document.isBlank()) {
            throw DomainException.invalid("DOCUMENT_MISSING", "phase", "There is no " + name(phase) + " yet");
        }
    }

    static String name(WorkflowPhase phase) {
        return phase == WorkflowPhase.PLANNING ? "plan" : "research document";
    }
}
