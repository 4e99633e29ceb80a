package io.viberglass.platform.integrations;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.infra.api.Created;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;

@Path("/integrations/{integrationId}/credentials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "integrations")
@PermitAll
public class CredentialsResource {
    private final CredentialService credentials;
    private final ProjectAccess access;

    public CredentialsResource(CredentialService credentials, ProjectAccess access) {
        this.credentials = credentials;
        this.access = access;
    }

    @GET
    @Operation(summary = "The integration's credentials, default first; values are never returned")
    public List<CredentialView> list(
            @Parameter(hidden = true) @Auth Actor actor, @PathParam("integrationId") UUID integrationId) {
        access.requireGlobal(actor, ProjectPermission.VIEW);
        return credentials.list(integrationId);
    }

    @POST
    @Operation(
            summary = "Add a credential (a value stored encrypted, or an existing secret); isDefault replaces the "
                    + "default")
    public Response create(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("integrationId") UUID integrationId,
            @NotNull @Valid CredentialRequest request,
            @Context UriInfo uri) {
        access.requireGlobal(actor, ProjectPermission.ADMIN);
        CredentialView created = credentials.create(integrationId, request, actor.getName());
        return Created.at(uri, created.id(), created);
    }

    @GET
    @Path("/{credentialId}")
    @Operation(summary = "Get a credential: whether it is the default, its expiry and what uses it")
    public CredentialView get(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("integrationId") UUID integrationId,
            @PathParam("credentialId") UUID credentialId) {
        access.requireGlobal(actor, ProjectPermission.VIEW);
        return credentials.get(integrationId, credentialId);
    }

    @PUT
    @Path("/{credentialId}")
    @Operation(summary = "Change a credential (partial); a value rotates it")
    public CredentialView update(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("integrationId") UUID integrationId,
            @PathParam("credentialId") UUID credentialId,
            @NotNull @Valid CredentialRequest request) {
        access.requireGlobal(actor, ProjectPermission.ADMIN);
        return credentials.update(integrationId, credentialId, request, actor.getName());
    }

    @DELETE
    @Path("/{credentialId}")
    @Operation(summary = "Delete a credential; 409 naming the repositories while any pushes with it")
    public void delete(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("integrationId") UUID integrationId,
            @PathParam("credentialId") UUID credentialId) {
        access.requireGlobal(actor, ProjectPermission.ADMIN);
        credentials.delete(integrationId, credentialId);
    }
}
