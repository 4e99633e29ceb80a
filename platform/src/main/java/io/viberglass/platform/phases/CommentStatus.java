package io.viberglass.platform.phases;

import io.viberglass.common.job.WireEnum;

/** Open comments go into revision prompts; outdated ones lost their line in a later revision. */
public enum CommentStatus implements WireEnum {
    OPEN,
    RESOLVED,
    OUTDATED
}
