package io.viberglass.platform.prompts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.projects.ProjectsResource;
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
public class ProjectPromptTemplatesResource {
    private final PromptTemplateService templates;

    public ProjectPromptTemplatesResource(PromptTemplateService templates) {
        this.templates = templates;
    }

    @GET
    @Operation(summary = "Every prompt of a project: default, override and effective template")
    public List<PromptTemplateEntry> list(@PathParam("id") UUID projectId) {
        return templates.list(projectId);
    }

    @PUT
    @Path("/{type}")
    @Operation(summary = "Override a prompt for one project (validated like the defaults)")
    public PromptTemplateEntry save(
            @PathParam("id") UUID projectId,
            @PathParam("type") String type,
            @NotNull @Valid PromptTemplatesResource.TemplateRequest request) {
        return templates.save(projectId, PromptTemplateService.parse(type), request.template(), null);
    }

    @DELETE
    @Path("/{type}")
    @Operation(summary = "Remove a project's override")
    public void reset(@PathParam("id") UUID projectId, @PathParam("type") String type) {
        templates.reset(projectId, PromptTemplateService.parse(type));
    }
}
