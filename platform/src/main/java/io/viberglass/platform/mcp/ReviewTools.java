package io.viberglass.platform.mcp;

import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.phases.ApprovalService;
import io.viberglass.platform.phases.CommentService;
import io.viberglass.platform.phases.DocumentService;
import io.viberglass.platform.phases.DocumentView;
import io.viberglass.platform.phases.WorkflowService;
import io.viberglass.platform.tickets.WorkflowPhase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Review of a ticket's research and plan: read the state and documents, approve, revoke, comment on a line. */
public final class ReviewTools {
    private static final String TICKET_AND_PHASE =
            """
            {"type": "object", "additionalProperties": false, "required": ["ticketId"], "properties": {
              "ticketId": {"type": "string", "format": "uuid"},
              "phase": {"type": "string", "enum": ["research", "planning"],
                        "description": "the document; by default the plan, or the research while the ticket is in research"}}}""";

    private final WorkflowService workflow;
    private final DocumentService documents;
    private final ApprovalService approvals;
    private final CommentService comments;
    private final ProjectAccess access;

    public ReviewTools(
            WorkflowService workflow,
            DocumentService documents,
            ApprovalService approvals,
            CommentService comments,
            ProjectAccess access) {
        this.workflow = workflow;
        this.documents = documents;
        this.approvals = approvals;
        this.comments = comments;
        this.access = access;
    }

    List<McpTool> tools() {
        return List.of(
                new McpTool(
                        "ticket_review",
                        "The review state of a ticket: its phase, each phase's status, and the research and plan "
                                + "documents with their approval state and comments.",
                        """
                        {"type": "object", "additionalProperties": false, "required": ["ticketId"], "properties": {
                          "ticketId": {"type": "string", "format": "uuid"}}}""",
                        true,
                        (actor, args) -> {
                            UUID ticketId = args.uuid("ticketId");
                            access.requireTicket(actor, ticketId, ProjectPermission.VIEW);
                            WorkflowService.WorkflowView view = workflow.view(ticketId);
                            List<Map<String, Object>> docs =
                                    List.of(WorkflowPhase.RESEARCH, WorkflowPhase.PLANNING).stream()
                                            .map(phase -> document(ticketId, phase))
                                            .toList();
                            Map<String, Object> review = new LinkedHashMap<>();
                            review.put("ticketId", ticketId);
                            review.put("workflowPhase", view.workflowPhase());
                            review.put("phases", view.phases());
                            review.put("documents", docs);
                            return review;
                        }),
                new McpTool(
                        "ticket_review_approve",
                        "Approve the plan (or the research); the ticket moves to the next phase. Needs the approver "
                                + "role and a write token.",
                        TICKET_AND_PHASE,
                        false,
                        (actor, args) -> {
                            UUID ticketId = args.uuid("ticketId");
                            access.requireTicket(actor, ticketId, ProjectPermission.APPROVE);
                            return approvals.approve(ticketId, phase(ticketId, args), actor.getName());
                        }),
                new McpTool(
                        "ticket_review_revoke",
                        "Withdraw an approval or an approval request; the document goes back to draft.",
                        TICKET_AND_PHASE,
                        false,
                        (actor, args) -> {
                            UUID ticketId = args.uuid("ticketId");
                            access.requireTicket(actor, ticketId, ProjectPermission.APPROVE);
                            return approvals.revoke(ticketId, phase(ticketId, args), actor.getName());
                        }),
                new McpTool(
                        "ticket_review_comment",
                        "Comment on one line of the research or plan document.",
                        """
                        {"type": "object", "additionalProperties": false,
                         "required": ["ticketId", "phase", "lineNumber", "content"], "properties": {
                          "ticketId": {"type": "string", "format": "uuid"},
                          "phase": {"type": "string", "enum": ["research", "planning"]},
                          "lineNumber": {"type": "integer", "minimum": 1},
                          "content": {"type": "string", "minLength": 1, "maxLength": 10000}}}""",
                        false,
                        (actor, args) -> {
                            UUID ticketId = args.uuid("ticketId");
                            access.requireTicket(actor, ticketId, ProjectPermission.WRITE);
                            var comment = comments.create(
                                    ticketId,
                                    args.wire(WorkflowPhase.class, "phase"),
                                    new CommentService.NewComment(
                                            args.integer("lineNumber", 1), args.string("content"), null),
                                    actor.getName());
                            return Map.of(
                                    "id", comment.id(),
                                    "lineNumber", comment.lineNumber(),
                                    "content", comment.content(),
                                    "status", comment.status());
                        }));
    }

    private Map<String, Object> document(UUID ticketId, WorkflowPhase phase) {
        DocumentView document = documents.view(ticketId, phase);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("phase", phase);
        view.put("content", document.content());
        view.put("revision", document.revision());
        view.put("approvalState", document.approvalState());
        view.put("approvedAt", document.approvedAt());
        view.put("approvedBy", document.approvedBy());
        view.put("comments", comments.list(ticketId, phase));
        return view;
    }

    private WorkflowPhase phase(UUID ticketId, McpArguments args) {
        WorkflowPhase given = args.wire(WorkflowPhase.class, "phase");
        if (given != null) {
            return given;
        }
        return workflow.view(ticketId).workflowPhase() == WorkflowPhase.RESEARCH
                ? WorkflowPhase.RESEARCH
                : WorkflowPhase.PLANNING;
    }
}
