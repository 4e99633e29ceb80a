package io.viberglass.platform.clankers;

import io.viberglass.common.job.WireEnum;

/** Where a clanker's workers run; each has one invoker. */
public enum DeploymentStrategy implements WireEnum {
    /** A {@code viberator job} child process on the platform host: laptops and single machines. */
    LOCAL,
    DOCKER,
    ECS,
    LAMBDA,
    /** A Kubernetes Job per run, in the platform's cluster (see {@code dispatch.kubernetes}). */
    KUBERNETES
}
