package io.viberglass.platform.projects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.infra.api.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("/projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "projects")
public class ProjectsResource {
    /**
     * The item resource's id pattern. JAX-RS picks a root resource by its path alone and never backtracks, so
     * {@code /projects/{id}} would swallow {@code /projects/by-slug/…}; the item resource excludes this class's
     * literal sub-paths and keeps every other value, so a malformed id still gets a 400 naming it.
     */
    public static final String ITEM_ID = "(?!by-slug(?:/|$))[^/]+";

    private final ProjectService projects;

    public ProjectsResource(ProjectService projects) {
        this.projects = projects;
    }

    @GET
    @Operation(summary = "List projects, newest first")
    public Page<ProjectView> list(
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("archived") @DefaultValue("exclude") ArchivedFilter archived) {
        return projects.list(archived, limit, offset).map(ProjectView::of);
    }

    @POST
    @Operation(summary = "Create a project; its slug is derived from the name and made unique")
    public Response create(@NotNull @Valid CreateProjectRequest request, @jakarta.ws.rs.core.Context UriInfo uri) {
        Project project = projects.create(request);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(project.id().toString())
                        .build())
                .entity(ProjectView.of(project))
                .build();
    }

    @GET
    @Path("/by-slug/{slug}")
    @Operation(summary = "Find a project by its slug")
    public ProjectView bySlug(@PathParam("slug") String slug) {
        return ProjectView.of(projects.getBySlug(slug));
    }
}
