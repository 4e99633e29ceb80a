package io.viberglass.platform.auth;

import io.viberglass.common.job.WireEnum;

/**
 * How much of its owner's rights a credential carries: {@code read} only reads, {@code write} also changes project
 * data, {@code admin} may do everything its owner may (administration, project settings, tokens). A browser session
 * always carries {@code admin}: the scope narrows API tokens, never widens a user's rights.
 */
public enum TokenScope implements WireEnum {
    READ,
    WRITE,
    ADMIN;

    public boolean allows(TokenScope needed) {
        return ordinal() >= needed.ordinal();
    }
}
