package io.viberglass.platform.dispatch;

import io.viberglass.common.job.FailureCode;

/**
 * A worker's runtime ended without the job getting a result: an ECS task that stopped, a container that is gone.
 *
 * @param code the failure class when the message names no more specific cause
 * @param message what the runtime said (stop reason, exit code), for the job's failure detail
 */
public record ExecutionEnd(FailureCode code, String message) {}
