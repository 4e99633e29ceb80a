package io.viberglass.platform.tickets;

import io.viberglass.common.job.WireEnum;

/** What an attached media file is. */
public enum MediaKind implements WireEnum {
    SCREENSHOT,
    RECORDING
}
