package io.viberglass.platform.sessions;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.tickets.TicketsResource;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;

/** Launching a session on a ticket. Same root as the tickets resources: Jersey merges them. */
@Path("/tickets/{id: " + TicketsResource.ITEM_ID + "}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "agent sessions")
@PermitAll
public class TicketSessionsResource {
    private final SessionService sessions;
    private final ProjectAccess access;

    TicketSessionsResource(SessionService sessions, ProjectAccess access) {
        this.sessions = sessions;
        this.access = access;
    }

    @POST
    @Path("/agent-sessions")
    @Operation(summary = "Start a live session (research, planning or execution) with a first message")
    public Response launch(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID ticketId,
            @NotNull @Valid SessionRequests.Launch request) {
        access.requireTicket(actor, ticketId, ProjectPermission.WRITE);
        SessionDetail detail = sessions.launch(ticketId, request, Acting.of(actor));
        return Response.created(
                        URI.create("/api/agent-sessions/" + detail.session().id()))
                .entity(detail)
                .build();
    }
}
