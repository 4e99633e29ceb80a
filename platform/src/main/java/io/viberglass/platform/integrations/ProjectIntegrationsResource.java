package io.viberglass.platform.integrations;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.auth.Actor;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

@Path("/integrations/project/{projectId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "integrations")
@PermitAll
public class ProjectIntegrationsResource {
    private final IntegrationService integrations;
    private final ProjectAccess access;

    public ProjectIntegrationsResource(IntegrationService integrations, ProjectAccess access) {
        this.integrations = integrations;
        this.access = access;
    }

    /** Link an integration to a project, optionally as its primary SCM or ticketing integration. */
    public record LinkRequest(@NotNull UUID integrationId, Boolean isPrimary) {}

    @GET
    @Operation(summary = "The integrations linked to a project")
    public List<ProjectLink> list(@Parameter(hidden = true) @Auth Actor actor, @PathParam("projectId") UUID projectId) {
        access.require(actor, projectId, ProjectPermission.VIEW);
        return integrations.links(projectId);
    }

    @POST
    @Path("/link")
    @Operation(summary = "Link an integration to a project")
    public Response link(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("projectId") UUID projectId,
            @NotNull @Valid LinkRequest request) {
        access.require(actor, projectId, ProjectPermission.ADMIN);
        ProjectLink link =
                integrations.link(projectId, request.integrationId(), Boolean.TRUE.equals(request.isPrimary()));
        return Response.status(Response.Status.CREATED).entity(link).build();
    }

    @DELETE
    @Path("/link/{integrationId}")
    @Operation(summary = "Unlink an integration from a project")
    public void unlink(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("projectId") UUID projectId,
            @PathParam("integrationId") UUID integrationId) {
        access.require(actor, projectId, ProjectPermission.ADMIN);
        integrations.unlink(projectId, integrationId);
    }

    @PUT
    @Path("/primary/{integrationId}")
    @Operation(summary = "Make a linked integration the project's primary SCM or ticketing integration")
    public ProjectLink primary(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("projectId") UUID projectId,
            @PathParam("integrationId") UUID integrationId) {
        access.require(actor, projectId, ProjectPermission.ADMIN);
        return integrations.setPrimary(projectId, integrationId);
    }
}
