package io.viberglass.platform.access;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.projects.ProjectsResource;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** A project's members; shares the project item path. Project admins (and global admins) manage them. */
@Path("/projects/{id: " + ProjectsResource.ITEM_ID + "}/members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "projects")
@PermitAll
public class ProjectMembersResource {
    private final MembershipService members;
    private final ProjectAccess access;

    public ProjectMembersResource(MembershipService members, ProjectAccess access) {
        this.members = members;
        this.access = access;
    }

    public record AddMemberRequest(@NotNull @Size(max = 320) String email, @NotNull ProjectRole role) {}

    /** A member's project role (named apart from the users' global {@code RoleRequest} in the OpenAPI description). */
    public record MemberRoleRequest(@NotNull ProjectRole role) {}

    @GET
    @Operation(summary = "The project's members and their roles")
    public List<Member> list(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID projectId) {
        access.require(actor, projectId, ProjectPermission.VIEW);
        return members.list(projectId);
    }

    @POST
    @Operation(summary = "Add a user by email with a role (viewer, member, approver, admin), or change their role")
    public Response add(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID projectId,
            @NotNull @Valid AddMemberRequest request) {
        access.require(actor, projectId, ProjectPermission.ADMIN);
        return Response.status(Response.Status.CREATED)
                .entity(members.addByEmail(actor, projectId, request.email(), request.role()))
                .build();
    }

    @PUT
    @Path("/{userId}")
    @Operation(summary = "Set a user's role in the project")
    public Member put(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID projectId,
            @PathParam("userId") UUID userId,
            @NotNull @Valid MemberRoleRequest request) {
        access.require(actor, projectId, ProjectPermission.ADMIN);
        return members.put(actor, projectId, userId, request.role());
    }

    @DELETE
    @Path("/{userId}")
    @Operation(summary = "Remove a user from the project")
    public void remove(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID projectId,
            @PathParam("userId") UUID userId) {
        access.require(actor, projectId, ProjectPermission.ADMIN);
        members.remove(actor, projectId, userId);
    }
}
