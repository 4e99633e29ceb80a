package io.viberglass.platform.tickets;

import io.viberglass.common.job.WireEnum;

/** Mirrors the state of a ticket's automatic execution run. */
public enum AutoFixStatus implements WireEnum {
    PENDING,
    IN_PROGRESS,
    COMPLETED,
    FAILED
}
