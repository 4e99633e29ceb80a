package io.viberglass.platform.auth;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.infra.api.Created;
import io.viberglass.platform.infra.api.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

/** User administration, for global administrators only. */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "users")
@RolesAllowed(Roles.ADMIN)
public class UsersResource {
    private final UserService users;
    private final AccountLinkService links;

    public UsersResource(UserService users, AccountLinkService links) {
        this.users = users;
        this.links = links;
    }

    public record RoleRequest(@NotNull GlobalRole role) {}

    @GET
    @Operation(summary = "List users")
    public Page<UserView> list(
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        return users.list(limit, offset);
    }

    @POST
    @Operation(summary = "Create a user with an initial password (role member unless given)")
    public Response create(
            @Parameter(hidden = true) @Auth Actor actor,
            @NotNull @Valid UserService.CreateUser request,
            @Context UriInfo uri) {
        UserView user = users.create(actor, request);
        return Created.at(uri, user.id(), user);
    }

    @POST
    @Path("/invites")
    @Operation(
            summary = "Invite a user: create them without a password and answer a one-time link that lets them set "
                    + "one (role member unless given)")
    public Response invite(
            @Parameter(hidden = true) @Auth Actor actor,
            @NotNull @Valid AccountLinks.InviteUser request,
            @Context UriInfo uri) {
        AccountLinks.Invitation invitation = links.invite(actor, request);
        return Response.created(uri.getBaseUriBuilder()
                        .path("users")
                        .path(invitation.user().id().toString())
                        .build())
                .entity(invitation)
                .build();
    }

    @POST
    @Path("/{id}/password-reset-link")
    @Operation(
            summary = "Issue a one-time link that sets a new password (an invite link again while the user has none); "
                    + "any earlier unused link of the user stops working")
    public AccountLinks.IssuedLink passwordResetLink(
            @Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        return links.issueFor(actor, id);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a user")
    public UserView get(@PathParam("id") UUID id) {
        return users.get(id);
    }

    @PATCH
    @Path("/{id}/role")
    @Operation(summary = "Change a user's global role; the last active administrator cannot be demoted")
    public UserView setRole(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @NotNull @Valid RoleRequest request) {
        return users.setRole(actor, id, request.role());
    }

    @POST
    @Path("/{id}/deactivate")
    @Operation(summary = "Deactivate a user: sign-in, sessions and API tokens stop working")
    public UserView deactivate(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        return users.setActive(actor, id, false);
    }

    @POST
    @Path("/{id}/reactivate")
    @Operation(summary = "Reactivate a deactivated user")
    public UserView reactivate(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        return users.setActive(actor, id, true);
    }
}
