package io.viberglass.platform.secrets;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.infra.api.Created;
import io.viberglass.platform.infra.api.Page;
import jakarta.annotation.security.PermitAll;
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
@PermitAll
public class SecretsResource {
    private final SecretService secrets;
    private final ProjectAccess access;

    public SecretsResource(SecretService secrets, ProjectAccess access) {
        this.secrets = secrets;
        this.access = access;
    }

    @GET
    @Operation(summary = "List secrets (global ones, or a project's with includeGlobal)")
    public Page<SecretView> list(
            @Parameter(hidden = true) @Auth Actor actor,
            @QueryParam("projectId") UUID projectId,
            @QueryParam("includeGlobal") @DefaultValue("false") boolean includeGlobal,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        if (projectId != null) {
            access.require(actor, projectId, ProjectPermission.VIEW);
        }
        return secrets.list(projectId, includeGlobal, limit, offset);
    }

    @POST
    @Operation(summary = "Create a secret; its value is stored encrypted, in SSM, or read from the environment")
    public Response create(
            @Parameter(hidden = true) @Auth Actor actor, @NotNull @Valid SecretRequest request, @Context UriInfo uri) {
        if (request.projectId() != null) {
            access.require(actor, request.projectId(), ProjectPermission.ADMIN);
        } else {
            access.requireGlobal(actor, ProjectPermission.ADMIN);
        }
        SecretView secret = secrets.create(request, actor.getName());
        return Created.at(uri, secret.id(), secret);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A secret's metadata")
    public SecretView get(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.requireSecret(actor, id, ProjectPermission.VIEW);
        return secrets.get(id);
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Rotate the value or move the secret to another storage")
    public SecretView update(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @NotNull @Valid SecretRequest request) {
        access.requireSecret(actor, id, ProjectPermission.ADMIN);
        return secrets.update(id, request, actor.getName());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a secret (refused while a clanker or a repository uses it)")
    public void delete(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.requireSecret(actor, id, ProjectPermission.ADMIN);
        secrets.delete(id);
    }
}
