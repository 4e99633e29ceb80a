package io.viberglass.platform.egress;

import io.viberglass.common.job.WireEnum;

/** How far a clanker's workers may reach on the network. */
public enum EgressMode implements WireEnum {
    /** Only what the worker needs itself: the platform (callbacks, model proxy) and the project's SCM hosts. */
    NONE,
    /** {@link #NONE} plus the hosts of the clanker's allow-list. */
    ALLOWLIST,
    /** Anything: no proxy, no network policy. */
    OPEN
}
