package io.viberglass.common.job;

import io.viberglass.common.security.SecretRedactor;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What an invoker hands a worker so that it can fetch its payload: the event of the Lambda worker, the arguments of
 * {@code viberator job} and the environment of worker containers ({@code JOB_ID}, {@code PLATFORM_API_URL},
 * {@code TENANT_ID}, {@code CALLBACK_TOKEN}).
 */
public record WorkerInvocation(
        @NotBlank @Size(max = 100) String jobId,
        @NotBlank @Size(max = 2000) String platformApiUrl,
        @NotBlank @Size(max = 100) String tenantId,
        @NotBlank @Size(max = 200) String callbackToken) {

    @Override
    public String toString() {
        return "WorkerInvocation[jobId=" + jobId + ", platformApiUrl=" + platformApiUrl + ", tenantId=" + tenantId
                + ", callbackToken=" + SecretRedactor.MASK + "]";
    }
}
