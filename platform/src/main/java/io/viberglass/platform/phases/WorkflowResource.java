package io.viberglass.platform.phases;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.tickets.TicketsResource;
import io.viberglass.platform.tickets.WorkflowPhase;
import jakarta.annotation.security.PermitAll;
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
@PermitAll
public class WorkflowResource {
    private final ProjectAccess access;
    private final AuditLog audit;
    private final WorkflowService workflow;

    public WorkflowResource(WorkflowService workflow, ProjectAccess access, AuditLog audit) {
        this.access = access;
        this.audit = audit;
        this.workflow = workflow;
    }

    public record SetPhaseRequest(@NotNull WorkflowPhase workflowPhase) {}

    public record OverrideRequest(@Size(max = 2000) String reason) {}

    @GET
    @Path("/phases")
    @Operation(summary = "The ticket's phases: completed, current, upcoming")
    public WorkflowService.WorkflowView phases(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.requireTicket(actor, id, ProjectPermission.VIEW);
        return workflow.view(id);
    }

    @POST
    @Path("/phases/{phase}/advance")
    @Operation(summary = "Advance one step (research → planning → execution); 409 for any other move")
    public WorkflowService.WorkflowView advance(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @PathParam("phase") WorkflowPhase phase) {
        UUID projectId = access.requireTicket(actor, id, ProjectPermission.APPROVE);
        WorkflowService.WorkflowView view = workflow.advance(id, phase);
        audit.record(entry(actor, "workflow.advanced", projectId, id).detail("to", phase.wire()));
        return view;
    }

    @PUT
    @Path("/workflow/phase")
    @Operation(summary = "Set the phase by hand")
    public WorkflowService.WorkflowView set(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @NotNull @Valid SetPhaseRequest request) {
        UUID projectId = access.requireTicket(actor, id, ProjectPermission.APPROVE);
        WorkflowService.WorkflowView view = workflow.set(id, request.workflowPhase());
        audit.record(entry(actor, "workflow.phase_set", projectId, id)
                .detail("to", request.workflowPhase().wire()));
        return view;
    }

    @POST
    @Path("/workflow/override-to-execution")
    @Operation(summary = "Skip to execution without an approved plan, with a reason kept for the audit")
    public WorkflowService.WorkflowView override(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @NotNull @Valid OverrideRequest request) {
        UUID projectId = access.requireTicket(actor, id, ProjectPermission.APPROVE);
        WorkflowService.WorkflowView view = workflow.overrideToExecution(id, request.reason(), actor.getName());
        audit.record(entry(actor, "workflow.overridden", projectId, id)
                .detail("phase", "execution")
                .detail("reason", view.workflowOverrideReason()));
        return view;
    }

    static AuditEntry entry(Actor actor, String action, UUID projectId, UUID ticketId) {
        return AuditEntry.by(actor, action).project(projectId).target("ticket", ticketId);
    }
}
