package io.viberglass.platform.llm;

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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

@Path("/clankers/{id}/cost-controls")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "clankers")
@PermitAll
public class CostControlsResource {
    private final CostControlsService controls;
    private final ProjectAccess access;

    public CostControlsResource(CostControlsService controls, ProjectAccess access) {
        this.controls = controls;
        this.access = access;
    }

    @GET
    @Operation(summary = "A runner's model broker setting and budgets, with warnings about what they expose")
    public CostControlsView getClankerCostControls(
            @Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.requireGlobal(actor, ProjectPermission.VIEW);
        return controls.get(id);
    }

    @PUT
    @Operation(summary = "Set a runner's model broker and budgets (administrators)")
    public CostControlsView setClankerCostControls(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @NotNull @Valid CostControlsRequest request) {
        access.requireGlobal(actor, ProjectPermission.ADMIN);
        return controls.set(actor, id, request);
    }
}
