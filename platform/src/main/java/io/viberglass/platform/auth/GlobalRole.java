package io.viberglass.platform.auth;

import io.viberglass.common.job.WireEnum;

/** A user's role across the platform: administrators manage users and see every project; members see their own. */
public enum GlobalRole implements WireEnum {
    ADMIN,
    MEMBER
}
