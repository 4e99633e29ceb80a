package io.viberglass.platform.phases;

import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.tickets.TicketDao;
import io.viberglass.platform.tickets.WorkflowPhase;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Phase documents: every save is a new numbered revision (agent or manual, with its author); a person's edit asks for
 * review, an agent's rewrite goes back to draft; open comments follow their lines into the new revision.
 */
public class DocumentService {
    public enum Source {
        manual,
        agent
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final LifecycleSync lifecycle;
    private final List<ApprovalListener> listeners;

    public DocumentService(Jdbi jdbi, Clock clock, LifecycleSync lifecycle) {
        this(jdbi, clock, lifecycle, List.of());
    }

    /** With listeners told when a hand edit puts a document up for approval (outbound feedback). */
    public DocumentService(Jdbi jdbi, Clock clock, LifecycleSync lifecycle, List<ApprovalListener> listeners) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.lifecycle = lifecycle;
        this.listeners = List.copyOf(listeners);
    }

    public DocumentView view(UUID ticketId, WorkflowPhase phase) {
        return jdbi.inTransaction(handle -> {
            requireTicket(handle, ticketId);
            return handle.attach(PhaseDao.class)
                    .document(ticketId, phase)
                    .map(DocumentView::of)
                    .orElse(DocumentView.empty(ticketId, phase));
        });
    }

    public List<PhaseRevision> revisions(UUID ticketId, WorkflowPhase phase) {
        return jdbi.inTransaction(handle -> {
            requireTicket(handle, ticketId);
            return handle.attach(PhaseDao.class).revisions(ticketId, phase);
        });
    }

    /** A person's edit; refused while a run of that phase may overwrite it. */
    public DocumentView edit(UUID ticketId, WorkflowPhase phase, String content, String actor) {
        requireDocumentPhase(phase);
        return jdbi.inTransaction(handle -> {
            requireTicket(handle, ticketId);
            if (handle.attach(PhaseDao.class).runInFlight(ticketId, phase.wire())) {
                throw DomainException.conflict(
                        "PHASE_RUN_ACTIVE",
                        "A " + phase.wire() + " run is in progress for "
                                + "this ticket; edit the document when it has finished (or cancel it)");
            }
            return DocumentView.of(save(handle, ticketId, phase, content, Source.manual, actor, null));
        });
    }

    /** Saves a new revision in the caller's transaction. */
    public PhaseDocument save(
            Handle handle,
            UUID ticketId,
            WorkflowPhase phase,
            String content,
            Source source,
            String actor,
            UUID jobId) {
        Instant now = clock.instant();
        PhaseDao dao = handle.attach(PhaseDao.class);
        dao.ensureDocument(UUID.randomUUID(), ticketId, phase, now);
        PhaseDocument current = dao.documentForUpdate(ticketId, phase).orElseThrow();
        if (content.equals(current.content()) && current.revision() > 0) {
            return current;
        }
        int revision = current.revision() + 1;
        dao.insertRevision(
                UUID.randomUUID(), current.id(), ticketId, phase, revision, content, source.name(), actor, jobId, now);
        ApprovalState state =
                source == Source.manual && !content.isBlank() ? ApprovalState.APPROVAL_REQUESTED : ApprovalState.DRAFT;
        dao.updateDocument(current.id(), content, revision, state, null, null, now);
        if (state == ApprovalState.APPROVAL_REQUESTED && current.approvalState() != state) {
            dao.insertApproval(
                    UUID.randomUUID(), ticketId, phase, "approval_requested", actor, "Edited by hand", revision, now);
            PhaseDocument requested = dao.document(ticketId, phase).orElseThrow();
            listeners.forEach(listener -> listener.onApprovalRequested(handle, ticketId, requested, actor, now));
        }
        reanchorComments(handle, current.id(), content, revision, now);
        lifecycle.synchronize(handle, ticketId, now);
        return dao.document(ticketId, phase).orElseThrow();
    }

    private static void reanchorComments(Handle handle, UUID documentId, String content, int revision, Instant now) {
        CommentDao comments = handle.attach(CommentDao.class);
        for (PhaseComment comment : comments.openForUpdate(documentId)) {
            OptionalInt line = CommentAnchors.reanchor(comment.lineText(), comment.lineNumber(), content);
            comments.update(CommentDao.moved(
                    comment,
                    revision,
                    line.orElse(comment.lineNumber()),
                    line.isPresent() ? CommentStatus.OPEN : CommentStatus.OUTDATED,
                    now));
        }
    }

    static void requireDocumentPhase(WorkflowPhase phase) {
        if (phase == WorkflowPhase.EXECUTION) {
            throw DomainException.invalid("INVALID_PHASE", "phase", "must be research or planning");
        }
    }

    static void requireTicket(Handle handle, UUID ticketId) {
        if (handle.attach(TicketDao.class).find(ticketId).isEmpty()) {
            throw DomainException.notFound("TICKET_NOT_FOUND", "Ticket " + ticketId + " not found");
        }
    }
}
