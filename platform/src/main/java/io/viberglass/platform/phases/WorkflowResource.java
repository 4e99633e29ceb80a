package io.viberglass.platform.phases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.tickets.TicketsResource;
import io.viberglass.platform.tickets.WorkflowPhase;
import jakarta.validation.Valid;
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
import java.util.UUID;

/** A ticket's journey through research, planning and execution (shares the ticket item path). */
@Path("/tickets/{id: " + TicketsResource.ITEM_ID + "}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "phases")
public class WorkflowResource {
    private final WorkflowService workflow;

    public WorkflowResource(WorkflowService workflow) {
        this.workflow = workflow;
    }

    public record SetPhaseRequest(@NotNull WorkflowPhase workflowPhase) {}

    public record OverrideRequest(@Size(max = 2000) String reason) {}

    @GET
    @Path("/phases")
    @Operation(summary = "The ticket's phases: completed, current, upcoming")
    public WorkflowService.WorkflowView phases(@PathParam("id") UUID id) {
        return workflow.view(id);
    }

    @POST
    @Path("/phases/{phase}/advance")
    @Operation(summary = "Advance one step (research → planning → execution); 409 for any other move")
    public WorkflowService.WorkflowView advance(@PathParam("id") UUID id, @PathParam("phase") WorkflowPhase phase) {
        return workflow.advance(id, phase);
    }

    @PUT
    @Path("/workflow/phase")
    @Operation(summary = "Set the phase by hand")
    public WorkflowService.WorkflowView set(@PathParam("id") UUID id, @NotNull @Valid SetPhaseRequest request) {
        return workflow.set(id, request.workflowPhase());
    }

    @POST
    @Path("/workflow/override-to-execution")
    @Operation(summary = "Skip to execution without an approved plan, with a reason kept for the audit")
    public WorkflowService.WorkflowView override(@PathParam("id") UUID id, @NotNull @Valid OverrideRequest request) {
        return workflow.overrideToExecution(id, request.reason(), Actors.LOCAL);
    }
}
