package io.viberglass.platform.jobs;

import io.viberglass.common.job.FailureCode;

/**
 * Why a job failed: a code, the sentence a user sees, the technical detail (already redacted) and whether running it
 * again may help.
 */
public record JobFailure(FailureCode code, String summary, String technicalDetail, boolean retryable) {
    public static JobFailure of(FailureCode code, String detail) {
        return new JobFailure(code, code.summary(), detail, code.retryable());
    }
}
