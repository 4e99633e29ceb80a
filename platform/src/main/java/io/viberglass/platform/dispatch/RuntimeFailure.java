package io.viberglass.platform.dispatch;

import io.viberglass.common.job.FailureCode;

/**
 * A worker's runtime ended or got stuck in a way the worker itself could not report (its image cannot be pulled, it ran
 * out of memory, it could not be scheduled), classified for the user.
 */
public record RuntimeFailure(FailureCode code, String message) {}
