package io.viberglass.platform.phases;

import io.viberglass.common.job.WireEnum;

/** Where a phase document stands in review. */
public enum ApprovalState implements WireEnum {
    DRAFT,
    APPROVAL_REQUESTED,
    APPROVED,
    REJECTED
}
