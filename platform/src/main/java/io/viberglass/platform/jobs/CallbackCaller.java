package io.viberglass.platform.jobs;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.viberglass.common.job.Callbacks;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import java.util.UUID;

/**
 * The job id and callback headers of a worker callback under {@code /jobs/{id}}, read once here (as a
 * {@code @BeanParam}) instead of in every callback method's signature.
 */
// Field injection, and fields visible to Jackson, because Swagger documents a @BeanParam from the properties Jackson
// finds on it: so the path id and both headers stay in the OpenAPI description as they were.
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class CallbackCaller {
    @PathParam("id")
    private UUID id;

    @HeaderParam(Callbacks.TOKEN_HEADER)
    private String token;

    @HeaderParam(Callbacks.TENANT_HEADER)
    private String tenant;

    public UUID jobId() {
        return id;
    }

    public CallbackCredentials credentials() {
        return new CallbackCredentials(id, token, tenant);
    }
}
