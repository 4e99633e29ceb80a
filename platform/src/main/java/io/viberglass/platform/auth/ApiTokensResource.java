package io.viberglass.platform.auth;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** The signed-in user's own API tokens. */
@Path("/api-tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
@PermitAll
public class ApiTokensResource {
    private final ApiTokenService tokens;

    public ApiTokensResource(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @GET
    @Operation(summary = "List my API tokens (never the tokens themselves)")
    public List<ApiTokenService.TokenView> list(@Parameter(hidden = true) @Auth Actor actor) {
        return tokens.list(actor);
    }

    @POST
    @Operation(summary = "Create an API token (scope read, write or admin); the token is in this answer only")
    public Response create(
            @Parameter(hidden = true) @Auth Actor actor, @NotNull @Valid ApiTokenService.CreateToken request) {
        return Response.status(Response.Status.CREATED)
                .entity(tokens.create(actor, request))
                .build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke one of my API tokens")
    public void revoke(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        tokens.revoke(actor, id);
    }
}
