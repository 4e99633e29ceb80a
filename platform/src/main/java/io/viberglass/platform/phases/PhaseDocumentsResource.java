package io.viberglass.platform.phases;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
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
import java.util.List;
import java.util.UUID;

/** Research and plan documents: read, edit, history, review (shares the ticket item path). */
@Path("/tickets/{id: " + TicketsResource.ITEM_ID + "}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "phases")
@PermitAll
public class PhaseDocumentsResource {
    private final ProjectAccess access;
    private final AuditLog audit;
    private final DocumentService documents;
    private final ApprovalService approvals;
    private final PhaseRunService runs;

    public PhaseDocumentsResource(
            DocumentService documents,
            ApprovalService approvals,
            PhaseRunService runs,
            ProjectAccess access,
            AuditLog audit) {
        this.access = access;
        this.audit = audit;
        this.documents = documents;
        this.approvals = approvals;
        this.runs = runs;
    }

    public record DocumentRequest(@NotNull @Size(max = 1_000_000) String content) {}

    @GET
    @Path("/phases/{phase}")
    @Operation(summary = "The phase's document (an empty draft before the first run) and its newest run")
    public PhaseView phase(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @PathParam("phase") WorkflowPhase phase) {
        access.requireTicket(actor, id, ProjectPermission.VIEW);
        DocumentService.requireDocumentPhase(phase);
        List<PhaseRun> latest = runs.history(id, phase, 1);
        return new PhaseView(documents.view(id, phase), latest.isEmpty() ? null : latest.get(0));
    }

    @PUT
    @Path("/phases/{phase}/document")
    @Operation(summary = "Edit the document by hand; a non-empty edit requests approval")
    public DocumentView edit(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @PathParam("phase") WorkflowPhase phase,
            @NotNull @Valid DocumentRequest request) {
        access.requireTicket(actor, id, ProjectPermission.WRITE);
        return documents.edit(id, phase, request.content(), actor.getName());
    }

    @GET
    @Path("/phases/{phase}/revisions")
    @Operation(summary = "Every revision of the document, newest first")
    public List<PhaseRevision> revisions(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @PathParam("phase") WorkflowPhase phase) {
        access.requireTicket(actor, id, ProjectPermission.VIEW);
        return documents.revisions(id, phase);
    }

    @POST
    @Path("/phases/{phase}/request-approval")
    @Operation(summary = "Ask for review of the document")
    public DocumentView requestApproval(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @PathParam("phase") WorkflowPhase phase) {
        access.requireTicket(actor, id, ProjectPermission.WRITE);
        return approvals.requestApproval(id, phase, actor.getName());
    }

    @POST
    @Path("/phases/{phase}/approve")
    @Operation(summary = "Approve the document; the ticket moves to the next phase")
    public DocumentView approve(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @PathParam("phase") WorkflowPhase phase) {
        UUID projectId = access.requireTicket(actor, id, ProjectPermission.APPROVE);
        DocumentView view = approvals.approve(id, phase, actor.getName());
        audit.record(WorkflowResource.entry(actor, "approval.approved", projectId, id)
                .detail("phase", phase.wire())
                .detail("revision", view.revision()));
        return view;
    }

    @POST
    @Path("/phases/{phase}/revoke-approval")
    @Operation(summary = "Withdraw an approval or an approval request")
    public DocumentView revoke(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @PathParam("phase") WorkflowPhase phase) {
        UUID projectId = access.requireTicket(actor, id, ProjectPermission.APPROVE);
        DocumentView view = approvals.revoke(id, phase, actor.getName());
        audit.record(WorkflowResource.entry(actor, "approval.revoked", projectId, id)
                .detail("phase", phase.wire())
                .detail("revision", view.revision()));
        return view;
    }

    @POST
    @Path("/phases/{phase}/reject")
    @Operation(summary = "Send the document back with a reason; a new revision puts it up for review again")
    public DocumentView reject(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @PathParam("phase") WorkflowPhase phase,
            @Valid RejectRequest request) {
        UUID projectId = access.requireTicket(actor, id, ProjectPermission.APPROVE);
        String reason = request == null ? null : request.reason();
        DocumentView view = approvals.reject(id, phase, actor.getName(), reason);
        audit.record(WorkflowResource.entry(actor, "approval.rejected", projectId, id)
                .detail("phase", phase.wire())
                .detail("revision", view.revision()));
        return view;
    }

    @GET
    @Path("/phases/{phase}/approvals")
    @Operation(summary = "The approval audit trail of the document")
    public List<PhaseDao.ApprovalEvent> approvals(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @PathParam("phase") WorkflowPhase phase) {
        access.requireTicket(actor, id, ProjectPermission.VIEW);
        return approvals.history(id, phase);
    }
}
