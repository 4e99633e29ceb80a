package io.viberglass.platform.dispatch.bundle;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.common.job.Callbacks;
import io.viberglass.common.job.SecretBundle;
import io.viberglass.platform.auth.PublicEndpoint;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** Same root path as the other job resources: Jersey merges them. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "worker callbacks")
@PublicEndpoint(
        reason = "a Docker worker authenticates with the one-time X-Secret-Bundle-Token of its dispatch (compared as a "
                + "hash) and X-Tenant-Id; a second use is refused with 410")
public class SecretBundleResource {
    private final SecretBundles bundles;

    public SecretBundleResource(SecretBundles bundles) {
        this.bundles = bundles;
    }

    @POST
    @Path("/{id}/secret-bundle")
    @Operation(summary = "Fetch the job's callback token and credentials (Docker workers; once per dispatch)")
    public Response fetch(
            @PathParam("id") UUID id,
            @HeaderParam(Callbacks.BUNDLE_TOKEN_HEADER) String token,
            @HeaderParam(Callbacks.TENANT_HEADER) String tenant) {
        SecretBundle bundle = bundles.open(id, token, tenant);
        return Response.ok(bundle).header("Cache-Control", "no-store").build();
    }
}
