package io.viberglass.platform.phases;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.tickets.TicketsResource;
import io.viberglass.platform.tickets.WorkflowPhase;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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

/** Line comments on research and plan documents (shares the ticket item path). */
@Path("/tickets/{id: " + TicketsResource.ITEM_ID + "}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "phases")
@PermitAll
public class PhaseCommentsResource {
    private final ProjectAccess access;
    private final CommentService comments;

    public PhaseCommentsResource(CommentService comments, ProjectAccess access) {
        this.access = access;
        this.comments = comments;
    }

    public record NewCommentRequest(
            @NotNull @Min(1) Integer lineNumber,
            @NotNull @Size(max = 10_000) String content,
            @Size(max = 10_000) String suggestion) {}

    public record CommentChangeRequest(
            @Size(max = 10_000) String content, @Size(max = 10_000) String suggestion, CommentStatus status) {}

    @GET
    @Path("/phases/{phase}/comments")
    @Operation(summary = "Comments by line")
    public List<PhaseComment> list(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @PathParam("phase") WorkflowPhase phase) {
        access.requireTicket(actor, id, ProjectPermission.VIEW);
        return comments.list(id, phase);
    }

    @POST
    @Path("/phases/{phase}/comments")
    @Operation(summary = "Comment on a line, optionally suggesting replacement text")
    public Response create(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @PathParam("phase") WorkflowPhase phase,
            @NotNull @Valid NewCommentRequest request) {
        access.requireTicket(actor, id, ProjectPermission.WRITE);
        PhaseComment comment = comments.create(
                id,
                phase,
                new CommentService.NewComment(request.lineNumber(), request.content(), request.suggestion()),
                actor.getName());
        return Response.status(Response.Status.CREATED).entity(comment).build();
    }

    @PUT
    @Path("/phases/{phase}/comments/{commentId}")
    @Operation(summary = "Edit, resolve or reopen a comment")
    public PhaseComment update(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @PathParam("phase") WorkflowPhase phase,
            @PathParam("commentId") UUID commentId,
            @NotNull @Valid CommentChangeRequest request) {
        access.requireTicket(actor, id, ProjectPermission.WRITE);
        return comments.update(
                id,
                phase,
                commentId,
                new CommentService.CommentChange(request.content(), request.suggestion(), request.status()),
                actor.getName());
    }
}
