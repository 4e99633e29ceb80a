package io.viberglass.platform.secrets;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.infra.api.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

/** Secrets: metadata in, metadata out. No route ever returns a value. */
@Path("/secrets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "secrets")
public class SecretsResource {
    private final SecretService secrets;

    public SecretsResource(SecretService secrets) {
        this.secrets = secrets;
    }

    @GET
    @Operation(summary = "List secrets (global ones, or a project's with includeGlobal)")
    public Page<SecretView> list(
            @QueryParam("projectId") UUID projectId,
            @QueryParam("includeGlobal") @DefaultValue("false") boolean includeGlobal,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        return secrets.list(projectId, includeGlobal, limit, offset);
    }

    @POST
    @Operation(summary = "Create a secret; its value is stored encrypted, in SSM, or read from the environment")
    public Response create(@NotNull @Valid SecretRequest request, @Context UriInfo uri) {
        SecretView secret = secrets.create(request, null);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(secret.id().toString())
                        .build())
                .entity(secret)
                .build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A secret's metadata")
    public SecretView get(@PathParam("id") UUID id) {
        return secrets.get(id);
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Rotate the value or move the secret to another storage")
    public SecretView update(@PathParam("id") UUID id, @NotNull @Valid SecretRequest request) {
        return secrets.update(id, request, null);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a secret (refused while a clanker or a repository uses it)")
    public void delete(@PathParam("id") UUID id) {
        secrets.delete(id);
    }
}
