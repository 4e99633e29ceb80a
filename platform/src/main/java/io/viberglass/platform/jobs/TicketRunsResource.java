package io.viberglass.platform.jobs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.tickets.TicketsResource;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** Shares the ticket item path (same template), so Jersey merges it into the ticket resource's routes. */
@Path("/tickets/{id: " + TicketsResource.ITEM_ID + "}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "runs")
public class TicketRunsResource {
    private final RunService runs;

    public TicketRunsResource(RunService runs) {
        this.runs = runs;
    }

    @POST
    @Path("/run")
    @Operation(summary = "Start an execution run (202): the worker changes the code and opens a pull request")
    public Response run(@PathParam("id") UUID ticketId, @NotNull @Valid RunRequest request) {
        return Response.accepted(JobView.summary(runs.startExecution(ticketId, request)))
                .build();
    }

    @POST
    @Path("/phases/execution/run")
    @Operation(summary = "Same as POST /tickets/{id}/run")
    public Response runExecution(@PathParam("id") UUID ticketId, @NotNull @Valid RunRequest request) {
        return run(ticketId, request);
    }
}
