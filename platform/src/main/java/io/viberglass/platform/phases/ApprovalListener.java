package io.viberglass.platform.phases;

import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Reacts to an approved document in the approving transaction (the outbound "plan approved" comment). */
@FunctionalInterface
public interface ApprovalListener {
    void onApproved(Handle handle, UUID ticketId, PhaseDocument document, String actor, Instant now);
}
