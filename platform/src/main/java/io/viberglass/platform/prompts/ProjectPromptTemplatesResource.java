package io.viberglass.platform.prompts;

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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** A project's prompt overrides; shares the project item path, so Jersey merges it with the project's routes. */
@Path("/projects/{id: " + ProjectsResource.ITEM_ID + "}/prompt-templates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "prompt templates")
@PermitAll
public class ProjectPromptTemplatesResource {
    private final PromptTemplateService templates;
    private final ProjectAccess access;

    public ProjectPromptTemplatesResource(PromptTemplateService templates, ProjectAccess access) {
        this.templates = templates;
        this.access = access;
    }

    @GET
    @Operation(summary = "Every prompt of a project: default, override and effective template")
    public List<PromptTemplateEntry> list(
            @Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID projectId) {
        access.require(actor, projectId, ProjectPermission.VIEW);
        return templates.list(projectId);
    }

    @PUT
    @Path("/{type}")
    @Operation(summary = "Override a prompt for one project (validated like the defaults)")
    public PromptTemplateEntry save(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID projectId,
            @PathParam("type") String type,
            @NotNull @Valid PromptTemplatesResource.TemplateRequest request) {
        access.require(actor, projectId, ProjectPermission.ADMIN);
        return templates.save(projectId, PromptTemplateService.parse(type), request.template(), actor.getName());
    }

    @DELETE
    @Path("/{type}")
    @Operation(summary = "Remove a project's override")
    public void reset(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID projectId,
            @PathParam("type") String type) {
        access.require(actor, projectId, ProjectPermission.ADMIN);
        templates.reset(projectId, PromptTemplateService.parse(type));
    }
}
