package io.viberglass.platform.projects;

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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

@Path("/projects/{id: " + ProjectsResource.ITEM_ID + "}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "projects")
@PermitAll
public class ProjectResource {
    private final ProjectService projects;
    private final ProjectAccess access;

    public ProjectResource(ProjectService projects, ProjectAccess access) {
        this.projects = projects;
        this.access = access;
    }

    @GET
    @Operation(summary = "Get a project")
    public ProjectView get(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.require(actor, id, ProjectPermission.VIEW);
        return ProjectView.of(projects.get(id));
    }

    @PUT
    @Operation(summary = "Update a project (partial: absent fields are kept, blank text clears)")
    public ProjectView update(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @NotNull @Valid UpdateProjectRequest request) {
        access.require(actor, id, ProjectPermission.ADMIN);
        return ProjectView.of(projects.update(id, request));
    }

    @PATCH
    @Operation(summary = "Update a project (same as PUT)")
    public ProjectView patch(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @NotNull @Valid UpdateProjectRequest request) {
        access.require(actor, id, ProjectPermission.ADMIN);
        return ProjectView.of(projects.update(id, request));
    }

    @DELETE
    @Operation(summary = "Delete a project with its tickets and configuration")
    public void delete(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.require(actor, id, ProjectPermission.ADMIN);
        projects.delete(id);
    }

    @POST
    @Path("/archive")
    @Operation(summary = "Archive a project (idempotent)")
    public ProjectView archive(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.require(actor, id, ProjectPermission.ADMIN);
        return ProjectView.of(projects.archive(id));
    }

    @POST
    @Path("/unarchive")
    @Operation(summary = "Unarchive a project (idempotent)")
    public ProjectView unarchive(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.require(actor, id, ProjectPermission.ADMIN);
        return ProjectView.of(projects.unarchive(id));
    }

    @GET
    @Path("/deletion-summary")
    @Operation(summary = "Count what deleting the project would remove")
    public DeletionSummary deletionSummary(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.require(actor, id, ProjectPermission.VIEW);
        return projects.deletionSummary(id);
    }

    @GET
    @Path("/readiness")
    @Operation(summary = "Checklist of what automation still needs")
    public Readiness readiness(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.require(actor, id, ProjectPermission.VIEW);
        return projects.readiness(id);
    }

    @GET
    @Path("/scm-config")
    @Operation(summary = "Get the repository configuration")
    public ScmConfig scmConfig(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.require(actor, id, ProjectPermission.VIEW);
        return projects.scmConfig(id);
    }

    @PUT
    @Path("/scm-config")
    @Operation(summary = "Create or replace the repository configuration")
    public ScmConfig putScmConfig(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @NotNull @Valid ScmConfigRequest request) {
        access.require(actor, id, ProjectPermission.ADMIN);
        return projects.putScmConfig(id, request);
    }

    @DELETE
    @Path("/scm-config")
    @Operation(summary = "Remove the repository configuration")
    public void deleteScmConfig(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.require(actor, id, ProjectPermission.ADMIN);
        projects.deleteScmConfig(id);
    }
}
