package io.viberglass.platform.egress;

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

@Path("/clankers/{id}/egress")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "clankers")
@PermitAll
public class EgressPolicyResource {
    private final EgressPolicyService policies;
    private final ProjectAccess access;

    public EgressPolicyResource(EgressPolicyService policies, ProjectAccess access) {
        this.policies = policies;
        this.access = access;
    }

    @GET
    @Operation(summary = "A runner's egress policy (none, allowlist or open), with a warning when it is open")
    public EgressPolicyView getClankerEgressPolicy(
            @Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.requireGlobal(actor, ProjectPermission.VIEW);
        return policies.get(id);
    }

    @PUT
    @Operation(summary = "Set a runner's egress policy (administrators; docker and kubernetes runners only)")
    public EgressPolicyView setClankerEgressPolicy(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @NotNull @Valid EgressPolicyRequest request) {
        access.requireGlobal(actor, ProjectPermission.ADMIN);
        return policies.set(actor, id, request);
    }
}
