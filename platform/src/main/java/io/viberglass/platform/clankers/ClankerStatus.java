package io.viberglass.platform.clankers;

import io.viberglass.common.job.WireEnum;

/** Whether a clanker can take runs. */
public enum ClankerStatus implements WireEnum {
    INACTIVE,
    DEPLOYING,
    ACTIVE,
    FAILED
}
