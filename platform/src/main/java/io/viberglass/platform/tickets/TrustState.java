package io.viberglass.platform.tickets;

import io.viberglass.common.job.WireEnum;

/**
 * Where a ticket stands with respect to its author: trusted from the start (a platform user, a trusted identity),
 * awaiting a project approver's decision, approved by one, or rejected. Only awaiting and rejected tickets block runs.
 */
public enum TrustState implements WireEnum {
    TRUSTED,
    AWAITING,
    APPROVED,
    REJECTED;

    public boolean allowsRuns() {
        return this == TRUSTED || this == APPROVED;
    }
}
