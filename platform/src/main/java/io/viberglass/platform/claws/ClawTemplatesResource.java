package io.viberglass.platform.claws;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
public class ClawTemplatesResource {
    private final ClawService claws;

    public ClawTemplatesResource(ClawService claws) {
        this.claws = claws;
    }

    @GET
    @Operation(summary = "List task templates")
    public List<ClawTemplate> list(
            @QueryParam("projectId") UUID projectId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        return claws.templates(projectId, limit, offset);
    }

    @POST
    @Operation(summary = "Create a task template (its instructions become TASK.md)")
    public Response create(@NotNull @Valid ClawRequests.Template request) {
        return Response.status(Response.Status.CREATED)
                .entity(claws.createTemplate(request))
                .build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a task template")
    public ClawTemplate get(@PathParam("id") UUID id) {
        return claws.template(id);
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Update a task template")
    public ClawTemplate update(@PathParam("id") UUID id, @NotNull @Valid ClawRequests.Template request) {
        return claws.updateTemplate(id, request);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a task template and its schedules")
    public void delete(@PathParam("id") UUID id) {
        claws.deleteTemplate(id);
    }
}
