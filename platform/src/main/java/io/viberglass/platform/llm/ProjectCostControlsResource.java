package io.viberglass.platform.llm;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.projects.ProjectsResource;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** A project's budgets (per run and per month), beside the project's own routes. */
@Path("/projects/{id: " + ProjectsResource.ITEM_ID + "}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "usage")
@PermitAll
public class ProjectCostControlsResource {
    private final ProjectCostControlsService controls;
    private final ProjectAccess access;

    public ProjectCostControlsResource(ProjectCostControlsService controls, ProjectAccess access) {
        this.controls = controls;
        this.access = access;
    }

    @GET
    @Path("/cost-controls")
    @Operation(summary = "A project's budgets per run and per month")
    public ProjectCostControls getProjectCostControls(
            @Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.require(actor, id, ProjectPermission.VIEW);
        return controls.get(id);
    }

    @PUT
    @Path("/cost-controls")
    @Operation(summary = "Set a project's budgets (project administrators); raising one lets runs queue again")
    public ProjectCostControls setProjectCostControls(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @NotNull @Valid ProjectCostControlsRequest request) {
        access.require(actor, id, ProjectPermission.ADMIN);
        return controls.set(actor, id, request);
    }
}
