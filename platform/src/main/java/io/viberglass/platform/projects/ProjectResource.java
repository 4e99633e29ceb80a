package io.viberglass.platform.projects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
public class ProjectResource {
    private final ProjectService projects;

    public ProjectResource(ProjectService projects) {
        this.projects = projects;
    }

    @GET
    @Operation(summary = "Get a project")
    public ProjectView get(@PathParam("id") UUID id) {
        return ProjectView.of(projects.get(id));
    }

    @PUT
    @Operation(summary = "Update a project (partial: absent fields are kept, blank text clears)")
    public ProjectView update(@PathParam("id") UUID id, @NotNull @Valid UpdateProjectRequest request) {
        return ProjectView.of(projects.update(id, request));
    }

    @PATCH
    @Operation(summary = "Update a project (same as PUT)")
    public ProjectView patch(@PathParam("id") UUID id, @NotNull @Valid UpdateProjectRequest request) {
        return update(id, request);
    }

    @DELETE
    @Operation(summary = "Delete a project with its tickets and configuration")
    public void delete(@PathParam("id") UUID id) {
        projects.delete(id);
    }

    @POST
    @Path("/archive")
    @Operation(summary = "Archive a project (idempotent)")
    public ProjectView archive(@PathParam("id") UUID id) {
        return ProjectView.of(projects.archive(id));
    }

    @POST
    @Path("/unarchive")
    @Operation(summary = "Unarchive a project (idempotent)")
    public ProjectView unarchive(@PathParam("id") UUID id) {
        return ProjectView.of(projects.unarchive(id));
    }

    @GET
    @Path("/deletion-summary")
    @Operation(summary = "Count what deleting the project would remove")
    public DeletionSummary deletionSummary(@PathParam("id") UUID id) {
        return projects.deletionSummary(id);
    }

    @GET
    @Path("/readiness")
    @Operation(summary = "Checklist of what automation still needs")
    public Readiness readiness(@PathParam("id") UUID id) {
        return projects.readiness(id);
    }

    @GET
    @Path("/scm-config")
    @Operation(summary = "Get the repository configuration")
    public ScmConfig scmConfig(@PathParam("id") UUID id) {
        return projects.scmConfig(id);
    }

    @PUT
    @Path("/scm-config")
    @Operation(summary = "Create or replace the repository configuration")
    public ScmConfig putScmConfig(@PathParam("id") UUID id, @NotNull @Valid ScmConfigRequest request) {
        return projects.putScmConfig(id, request);
    }

    @DELETE
    @Path("/scm-config")
    @Operation(summary = "Remove the repository configuration")
    public void deleteScmConfig(@PathParam("id") UUID id) {
        projects.deleteScmConfig(id);
    }
}
