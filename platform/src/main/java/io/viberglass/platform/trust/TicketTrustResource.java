package io.viberglass.platform.trust;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.tickets.TicketTrustGate;
import io.viberglass.platform.tickets.TicketsResource;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** A ticket's outside author and the runs held for approval (shares the ticket item path). Approvers decide. */
@Path("/tickets/{id: " + TicketsResource.ITEM_ID + "}/trust")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "trust")
@PermitAll
public class TicketTrustResource {
    private final TrustService trust;
    private final ProjectAccess access;
    private final AuditLog audit;

    public TicketTrustResource(TrustService trust, ProjectAccess access, AuditLog audit) {
        this.trust = trust;
        this.access = access;
        this.audit = audit;
    }

    public record TrustApproveRequest(@Size(max = 2000) String comment) {}

    public record TrustRejectRequest(@NotBlank @Size(max = 2000) String reason) {}

    @GET
    @Operation(summary = "Who wrote the ticket, whether the project trusts them, and the runs held for approval")
    public TrustService.TicketTrustView get(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.requireTicket(actor, id, ProjectPermission.VIEW);
        return trust.view(id);
    }

    @POST
    @Path("/approve")
    @Operation(summary = "Approve the ticket of an untrusted author: its held run starts as it would have")
    public TrustService.TicketTrustView approve(
            @Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id, @Valid TrustApproveRequest request) {
        UUID projectId = access.requireTicket(actor, id, ProjectPermission.APPROVE);
        String comment = request == null ? null : request.comment();
        TrustService.TicketTrustView view = trust.approve(id, actor.getName(), comment);
        audit.record(entry(actor, "ticket.trust_approved", projectId, id)
                .detail("author", label(view))
                .detail("comment", comment));
        return view;
    }

    @POST
    @Path("/reject")
    @Operation(summary = "Reject the ticket of an untrusted author: nothing of it runs and it is closed")
    public TrustService.TicketTrustView reject(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @jakarta.validation.constraints.NotNull @Valid TrustRejectRequest request) {
        UUID projectId = access.requireTicket(actor, id, ProjectPermission.APPROVE);
        TrustService.TicketTrustView view = trust.reject(id, actor.getName(), request.reason());
        audit.record(entry(actor, "ticket.trust_rejected", projectId, id)
                .detail("author", label(view))
                .detail("reason", request.reason().strip()));
        return view;
    }

    @POST
    @Path("/holds/{holdId}/approve")
    @Operation(summary = "Approve one held run (a pull request follow-up, or a run an untrusted commenter asked for)")
    public TrustService.TicketTrustView approveHold(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @PathParam("holdId") UUID holdId,
            @Valid TrustApproveRequest request) {
        UUID projectId = access.requireTicket(actor, id, ProjectPermission.APPROVE);
        String comment = request == null ? null : request.comment();
        TrustService.TicketTrustView view = trust.approveHold(id, holdId, actor.getName(), comment);
        audit.record(entry(actor, "ticket.held_run_approved", projectId, id)
                .detail("hold", holdId)
                .detail("comment", comment));
        return view;
    }

    @POST
    @Path("/holds/{holdId}/reject")
    @Operation(summary = "Reject one held run; the ticket itself stays as it is")
    public TrustService.TicketTrustView rejectHold(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @PathParam("holdId") UUID holdId,
            @jakarta.validation.constraints.NotNull @Valid TrustRejectRequest request) {
        UUID projectId = access.requireTicket(actor, id, ProjectPermission.APPROVE);
        TrustService.TicketTrustView view = trust.rejectHold(id, holdId, actor.getName(), request.reason());
        audit.record(entry(actor, "ticket.held_run_rejected", projectId, id)
                .detail("hold", holdId)
                .detail("reason", request.reason().strip()));
        return view;
    }

    private static AuditEntry entry(Actor actor, String action, UUID projectId, UUID ticketId) {
        return AuditEntry.by(actor, action).project(projectId).target("ticket", ticketId);
    }

    private static String label(TrustService.TicketTrustView view) {
        return TicketTrustGate.describe(view.author());
    }
}
