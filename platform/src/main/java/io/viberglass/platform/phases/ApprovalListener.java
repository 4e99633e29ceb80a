package io.viberglass.platform.phases;

import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Reacts to approvals in their transaction (outbound feedback): a document approved, or awaiting approval. */
@FunctionalInterface
public interface ApprovalListener {
    void onApproved(Handle handle, UUID ticketId, PhaseDocument document, String actor, Instant now);

    /** A document now awaits approval (outbound "approval requested" feedback). */
    default void onApprovalRequested(Handle handle, UUID ticketId, PhaseDocument document, String actor, Instant now) {}
}
