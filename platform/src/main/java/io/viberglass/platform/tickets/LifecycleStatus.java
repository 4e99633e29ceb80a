package io.viberglass.platform.tickets;

import io.viberglass.common.job.WireEnum;

/** Where a ticket stands for its submitter: open, in progress, in review (a plan or a pull request awaits a human), resolved. */
public enum LifecycleStatus implements WireEnum {
    OPEN,
    IN_PROGRESS,
    IN_REVIEW,
    RESOLVED
}
