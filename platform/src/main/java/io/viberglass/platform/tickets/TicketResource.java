package io.viberglass.platform.tickets;

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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

@Path("/tickets/{id: " + TicketsResource.ITEM_ID + "}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "tickets")
@PermitAll
public class TicketResource {
    private final TicketService tickets;
    private final ProjectAccess access;

    public TicketResource(TicketService tickets, ProjectAccess access) {
        this.tickets = tickets;
        this.access = access;
    }

    public record SetStatusRequest(@NotNull LifecycleStatus status) {}

    @GET
    @Operation(summary = "Get a ticket with its media")
    public TicketView get(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.requireTicket(actor, id, ProjectPermission.VIEW);
        return tickets.get(id);
    }

    @PUT
    @Operation(summary = "Update a ticket (partial: absent fields are kept)")
    public TicketView update(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @NotNull @Valid UpdateTicketRequest request) {
        access.requireTicket(actor, id, ProjectPermission.WRITE);
        return tickets.update(id, request);
    }

    @PATCH
    @Operation(summary = "Update a ticket (same as PUT)")
    public TicketView patch(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @NotNull @Valid UpdateTicketRequest request) {
        access.requireTicket(actor, id, ProjectPermission.WRITE);
        return tickets.update(id, request);
    }

    @DELETE
    @Operation(summary = "Delete a ticket and its media")
    public void delete(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.requireTicket(actor, id, ProjectPermission.WRITE);
        tickets.delete(id);
    }

    @POST
    @Path("/set-status")
    @Operation(summary = "Set the lifecycle status by hand")
    public TicketView setStatus(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @NotNull @Valid SetStatusRequest request) {
        access.requireTicket(actor, id, ProjectPermission.WRITE);
        return tickets.setStatus(id, request.status());
    }
}
