package io.viberglass.platform.dispatch.docker;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.viberglass.common.job.WireEnum;
import java.util.Locale;

/** When the Docker invoker pulls a worker image before creating the container. */
public enum PullPolicy implements WireEnum {
    /** Pull only when the engine does not have the image (the default: fast starts, first run pulls). */
    IF_MISSING,
    /** Pull before every job, so a moving tag such as {@code :latest} is always fresh. */
    ALWAYS,
    /** Never pull; a missing image fails the job at once (air-gapped hosts, locally built images). */
    NEVER;

    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static PullPolicy fromWire(String value) {
        return WireEnum.parse(PullPolicy.class, value);
    }
}
