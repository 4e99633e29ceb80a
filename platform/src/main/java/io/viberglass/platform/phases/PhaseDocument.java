package io.viberglass.platform.phases;

import io.viberglass.platform.tickets.WorkflowPhase;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code ticket_phase_documents}: the current RESEARCH.md or PLAN.md of a ticket and its review state. */
public record PhaseDocument(
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

    public boolean isBlank() {
        return content == null || content.isBlank();
    }
}
