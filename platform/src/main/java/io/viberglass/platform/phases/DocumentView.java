package io.viberglass.platform.phases;

import io.viberglass.platform.tickets.WorkflowPhase;
import java.time.Instant;
import java.util.UUID;

/** A phase document as the API shows it; a phase without a document yet is an empty draft. */
public record DocumentView(
        UUID id,
        UUID ticketId,
        WorkflowPhase phase,
        String content,
        int revision,
        ApprovalState approvalState,
        Instant approvedAt,
        String approvedBy,
        Instant createdAt,
        Instant updatedAt) {

    static DocumentView of(PhaseDocument document) {
        return new DocumentView(
                document.id(),
                document.ticketId(),
                document.phase(),
                document.content(),
                document.revision(),
                document.approvalState(),
                document.approvedAt(),
                document.approvedBy(),
                document.createdAt(),
                document.updatedAt());
    }

    static DocumentView empty(UUID ticketId, WorkflowPhase phase) {
        return new DocumentView(null, ticketId, phase, "", 0, ApprovalState.DRAFT, null, null, null, null);
    }
}
