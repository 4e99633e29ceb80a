package io.viberglass.platform.clankers;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.auth.Roles;
import io.viberglass.platform.infra.api.Created;
import io.viberglass.platform.infra.api.Page;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

@Path("/clankers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "clankers")
@PermitAll
public class ClankersResource {
    private final ClankerService clankers;
    private final ClankerProvisioning provisioning;
    private final AvailabilityCheck availability;

    public ClankersResource(ClankerService clankers, ClankerProvisioning provisioning, AvailabilityCheck availability) {
        this.clankers = clankers;
        this.provisioning = provisioning;
        this.availability = availability;
    }

    private ClankerView view(Clanker clanker) {
        return clankers.view(clanker);
    }

    @GET
    @Operation(summary = "List agent runners")
    public Page<ClankerView> list(
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        return clankers.list(limit, offset).map(this::view);
    }

    @POST
    @Operation(summary = "Create an agent runner (inactive until started)")
    @RolesAllowed(Roles.ADMIN)
    public Response create(@NotNull @Valid ClankerRequest request, @Context UriInfo uri) {
        Clanker clanker = clankers.create(request);
        return Created.at(uri, clanker.id(), view(clanker));
    }

    @GET
    @Path("/by-slug/{slug}")
    @Operation(summary = "Find an agent runner by slug")
    public ClankerView bySlug(@PathParam("slug") String slug) {
        return view(clankers.getBySlug(slug));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an agent runner")
    public ClankerView get(@PathParam("id") UUID id) {
        return view(clankers.get(id));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Update an agent runner (partial); changing where it runs makes it inactive")
    @RolesAllowed(Roles.ADMIN)
    public ClankerView update(@PathParam("id") UUID id, @NotNull @Valid ClankerRequest request) {
        return view(clankers.update(id, request));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an agent runner")
    @RolesAllowed(Roles.ADMIN)
    public void delete(@PathParam("id") UUID id) {
        clankers.delete(id);
    }

    @POST
    @Path("/{id}/start")
    @Operation(
            summary = "Provision the runner's runtime and make it available for runs",
            description = "400 naming each missing deploymentConfig key; 409 while a provisioning runs. A local runner "
                    + "is active at once (200); any other answers 202 in status deploying and provisions in the "
                    + "background: follow statusMessage and provisioning.messages until active or failed.")
    @RolesAllowed(Roles.ADMIN)
    public Response start(@PathParam("id") UUID id) {
        ClankerView view = view(provisioning.start(id));
        return Response.status(view.status() == ClankerStatus.DEPLOYING ? 202 : 200)
                .entity(view)
                .build();
    }

    @POST
    @Path("/{id}/deactivate")
    @Operation(summary = "Stop giving the runner new runs")
    @RolesAllowed(Roles.ADMIN)
    public ClankerView deactivate(@PathParam("id") UUID id) {
        return view(provisioning.deactivate(id));
    }

    @POST
    @Path("/{id}/stop")
    @Operation(summary = "Stop giving the runner new runs (same as deactivate)")
    @RolesAllowed(Roles.ADMIN)
    public ClankerView stop(@PathParam("id") UUID id) {
        return deactivate(id);
    }

    @GET
    @Path("/{id}/health")
    @Operation(summary = "Check the runner's runtime now: configuration, reachability, image/task definition/function")
    public ClankerHealth health(@PathParam("id") UUID id) {
        return availability.health(clankers.get(id));
    }
}
