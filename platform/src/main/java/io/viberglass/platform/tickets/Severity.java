package io.viberglass.platform.tickets;

import io.viberglass.common.job.WireEnum;

/** How bad a ticket is. */
public enum Severity implements WireEnum {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
