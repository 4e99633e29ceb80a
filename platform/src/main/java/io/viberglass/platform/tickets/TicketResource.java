package io.viberglass.platform.tickets;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
public class TicketResource {
    private final TicketService tickets;

    public TicketResource(TicketService tickets) {
        this.tickets = tickets;
    }

    public record SetStatusRequest(@NotNull LifecycleStatus status) {}

    @GET
    @Operation(summary = "Get a ticket with its media")
    public TicketView get(@PathParam("id") UUID id) {
        return tickets.get(id);
    }

    @PUT
    @Operation(summary = "Update a ticket (partial: absent fields are kept)")
    public TicketView update(@PathParam("id") UUID id, @NotNull @Valid UpdateTicketRequest request) {
        return tickets.update(id, request);
    }

    @PATCH
    @Operation(summary = "Update a ticket (same as PUT)")
    public TicketView patch(@PathParam("id") UUID id, @NotNull @Valid UpdateTicketRequest request) {
        return tickets.update(id, request);
    }

    @DELETE
    @Operation(summary = "Delete a ticket and its media")
    public void delete(@PathParam("id") UUID id) {
        tickets.delete(id);
    }

    @POST
    @Path("/set-status")
    @Operation(summary = "Set the lifecycle status by hand")
    public TicketView setStatus(@PathParam("id") UUID id, @NotNull @Valid SetStatusRequest request) {
        return tickets.setStatus(id, request.status());
    }
}
