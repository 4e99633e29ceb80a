package io.viberglass.platform.tickets;

import io.viberglass.common.job.WireEnum;

/** The journey of a ticket: research, then planning, then execution. */
public enum WorkflowPhase implements WireEnum {
    RESEARCH,
    PLANNING,
    EXECUTION
}
