package io.viberglass.common.job;

import io.viberglass.common.security.SecretRedactor;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * The event the Lambda invoker sends the worker function (asynchronously, so it is never in a control-plane log):
 * where to fetch the payload and how to authenticate, plus the SSM parameter names of the job's credentials. The
 * payload itself is fetched from the platform, exactly as {@code viberator job} does.
 *
 * @param ssmSecrets credential name → SSM parameter name; names only, the function reads values with its own role
 */
public record WorkerEvent(
        @NotBlank @Size(max = 100) String jobId,
        @NotBlank @Size(max = 2000) String platformApiUrl,
        @NotBlank @Size(max = 100) String tenantId,
        @NotBlank @Size(max = 200) String callbackToken,
        @Size(max = 100) Map<@NotBlank String, @NotBlank String> ssmSecrets) {

    public WorkerEvent {
        ssmSecrets = ssmSecrets == null ? Map.of() : Map.copyOf(ssmSecrets);
    }

    public static WorkerEvent of(WorkerInvocation invocation, Map<String, String> ssmSecrets) {
        return new WorkerEvent(
                invocation.jobId(),
                invocation.platformApiUrl(),
                invocation.tenantId(),
                invocation.callbackToken(),
                ssmSecrets);
    }

    public WorkerInvocation invocation() {
        return new WorkerInvocation(jobId, platformApiUrl, tenantId, callbackToken);
    }

    @Override
    public String toString() {
        return "WorkerEvent[jobId=" + jobId + ", platformApiUrl=" + platformApiUrl + ", tenantId=" + tenantId
                + ", callbackToken=" + SecretRedactor.MASK + ", ssmSecrets=" + ssmSecrets + "]";
    }
}
