package io.viberglass.platform.feedback;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.infra.api.Created;
import io.viberglass.platform.infra.api.Page;
import io.viberglass.platform.integrations.ConnectionResult;
import jakarta.annotation.security.PermitAll;
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
import java.util.List;
import java.util.UUID;

@Path("/integrations/{integrationId}/webhooks/outbound")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks")
@PermitAll
public class OutboundWebhooksResource {
    private final TargetService targets;
    private final ProjectAccess access;

    public OutboundWebhooksResource(TargetService targets, ProjectAccess access) {
        this.targets = targets;
        this.access = access;
    }

    /** A project's target answers to the project's admins; a project-less target to global admins. */
    private void require(Actor actor, UUID projectId, ProjectPermission permission, UUID targetId) {
        if (projectId == null) {
            access.requireGlobal(actor, permission);
        } else {
            access.require(actor, projectId, permission, () -> TargetService.notFound(targetId));
        }
    }

    /** A test send: which event to simulate (default {@code test}). */
    public record TestRequest(FeedbackEventType eventType) {}

    @GET
    @Operation(summary = "The integration's feedback targets")
    public List<TargetView> list(
            @Parameter(hidden = true) @Auth Actor actor, @PathParam("integrationId") UUID integrationId) {
        access.requireGlobal(actor, ProjectPermission.VIEW);
        return targets.list(
                integrationId,
                project -> project == null || access.role(actor, project).isPresent());
    }

    @POST
    @Operation(summary = "Create a feedback target; its credentials are stored as secrets and never returned")
    public Response create(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("integrationId") UUID integrationId,
            @NotNull @Valid TargetRequest request,
            @Context UriInfo uri) {
        if (request.projectId() == null) {
            access.requireGlobal(actor, ProjectPermission.ADMIN);
        } else {
            access.require(actor, request.projectId(), ProjectPermission.ADMIN);
        }
        TargetView target = targets.create(integrationId, request, actor.getName());
        return Created.at(uri, target.id(), target);
    }

    @GET
    @Path("/{targetId}")
    @Operation(summary = "Get a feedback target")
    public TargetView get(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("integrationId") UUID integrationId,
            @PathParam("targetId") UUID targetId) {
        require(actor, targets.projectOf(integrationId, targetId), ProjectPermission.VIEW, targetId);
        return targets.get(integrationId, targetId);
    }

    @PUT
    @Path("/{targetId}")
    @Operation(summary = "Update a feedback target (partial)")
    public TargetView update(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("integrationId") UUID integrationId,
            @PathParam("targetId") UUID targetId,
            @NotNull @Valid TargetRequest request) {
        require(actor, targets.projectOf(integrationId, targetId), ProjectPermission.ADMIN, targetId);
        if (request.projectId() != null) {
            access.require(actor, request.projectId(), ProjectPermission.ADMIN);
        }
        return targets.update(integrationId, targetId, request, actor.getName());
    }

    @DELETE
    @Path("/{targetId}")
    @Operation(summary = "Delete a feedback target and its history")
    public void delete(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("integrationId") UUID integrationId,
            @PathParam("targetId") UUID targetId) {
        require(actor, targets.projectOf(integrationId, targetId), ProjectPermission.ADMIN, targetId);
        targets.delete(integrationId, targetId);
    }

    @GET
    @Path("/{targetId}/deliveries")
    @Operation(summary = "The target's delivery history, newest first")
    public Page<OutboxView> deliveries(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("integrationId") UUID integrationId,
            @PathParam("targetId") UUID targetId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        require(actor, targets.projectOf(integrationId, targetId), ProjectPermission.VIEW, targetId);
        return targets.history(integrationId, targetId, limit, offset);
    }

    @POST
    @Path("/{targetId}/test")
    @Operation(summary = "Send a test event (custom) or check the token (providers)")
    public ConnectionResult test(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("integrationId") UUID integrationId,
            @PathParam("targetId") UUID targetId,
            @Valid TestRequest request) {
        require(actor, targets.projectOf(integrationId, targetId), ProjectPermission.ADMIN, targetId);
        return targets.testSend(integrationId, targetId, request == null ? null : request.eventType());
    }
}
