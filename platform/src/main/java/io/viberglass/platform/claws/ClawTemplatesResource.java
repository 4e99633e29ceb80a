package io.viberglass.platform.claws;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.auth.Actor;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

@Path("/claw/task-templates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "claws")
@PermitAll
public class ClawTemplatesResource {
    private final ClawService claws;
    private final ProjectAccess access;

    public ClawTemplatesResource(ClawService claws, ProjectAccess access) {
        this.claws = claws;
        this.access = access;
    }

    @GET
    @Operation(summary = "List task templates")
    public List<ClawTemplate> list(
            @Parameter(hidden = true) @Auth Actor actor,
            @QueryParam("projectId") UUID projectId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        if (projectId != null) {
            access.require(actor, projectId, ProjectPermission.VIEW);
        }
        return claws.templates(projectId, access.scope(actor), limit, offset);
    }

    @POST
    @Operation(summary = "Create a task template (its instructions become TASK.md)")
    public Response create(@Parameter(hidden = true) @Auth Actor actor, @NotNull @Valid ClawRequests.Template request) {
        if (request.projectId() != null) {
            access.require(actor, request.projectId(), ProjectPermission.WRITE);
        }
        return Response.status(Response.Status.CREATED)
                .entity(claws.createTemplate(request))
                .build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a task template")
    public ClawTemplate get(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.requireClawTemplate(actor, id, ProjectPermission.VIEW);
        return claws.template(id);
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Update a task template")
    public ClawTemplate update(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @NotNull @Valid ClawRequests.Template request) {
        access.requireClawTemplate(actor, id, ProjectPermission.WRITE);
        return claws.updateTemplate(id, request);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a task template and its schedules")
    public void delete(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.requireClawTemplate(actor, id, ProjectPermission.WRITE);
        claws.deleteTemplate(id);
    }
}
