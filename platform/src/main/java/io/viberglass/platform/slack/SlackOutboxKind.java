package io.viberglass.platform.slack;

import io.viberglass.common.job.WireEnum;

/** What an outbox row does when it is delivered. */
public enum SlackOutboxKind implements WireEnum {
    /** Posts the thread's first message in the channel and records its ts as the thread. */
    OPEN_THREAD,
    MESSAGE,
    EPHEMERAL,
    FILE,
    /** Runs the next phase of a chained thread (advance and run), then says so. */
    CHAIN
}
