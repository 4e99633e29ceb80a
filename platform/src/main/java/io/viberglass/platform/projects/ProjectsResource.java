package io.viberglass.platform.projects;

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
@PermitAll
public class ProjectsResource {
    /**
     * The item resource's id pattern. JAX-RS picks a root resource by its path alone and never backtracks, so
     * {@code /projects/{id}} would swallow {@code /projects/by-slug/…}; the item resource excludes this class's
     * literal sub-paths and keeps every other value, so a malformed id still gets a 400 naming it.
     */
    public static final String ITEM_ID = "(?!by-slug(?:/|$))[^/]+";

    private final ProjectService projects;
    private final ProjectAccess access;

    public ProjectsResource(ProjectService projects, ProjectAccess access) {
        this.projects = projects;
        this.access = access;
    }

    @GET
    @Operation(summary = "List the projects I can see, newest first")
    public Page<ProjectView> list(
            @Parameter(hidden = true) @Auth Actor actor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("archived") @DefaultValue("exclude") ArchivedFilter archived) {
        return projects.list(access.scope(actor), archived, limit, offset).map(ProjectView::of);
    }

    @POST
    @Operation(summary = "Create a project; its slug is derived from the name and made unique; I become its admin")
    public Response create(
            @Parameter(hidden = true) @Auth Actor actor,
            @NotNull @Valid CreateProjectRequest request,
            @jakarta.ws.rs.core.Context UriInfo uri) {
        Project project = projects.create(request, actor.userId());
        return Created.at(uri, project.id(), ProjectView.of(project));
    }

    @GET
    @Path("/by-slug/{slug}")
    @Operation(summary = "Find a project by its slug")
    public ProjectView bySlug(@Parameter(hidden = true) @Auth Actor actor, @PathParam("slug") String slug) {
        Project project = projects.getBySlug(slug);
        access.require(actor, project.id(), ProjectPermission.VIEW, () -> ProjectService.notFound(slug));
        return ProjectView.of(project);
    }
}
