package io.viberglass.platform.mcp;

import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.infra.api.CsvParam;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.phases.PhaseOrchestrator;
import io.viberglass.platform.projects.ArchivedFilter;
import io.viberglass.platform.tickets.CreateTicketRequest;
import io.viberglass.platform.tickets.LifecycleStatus;
import io.viberglass.platform.tickets.Severity;
import io.viberglass.platform.tickets.TicketQuery;
import io.viberglass.platform.tickets.TicketService;
import io.viberglass.platform.tickets.WorkflowPhase;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Tickets: list, get, create, and trigger a phase (advance and run). */
public final class TicketTools {
    private final TicketService tickets;
    private final PhaseOrchestrator orchestrator;
    private final ProjectAccess access;

    public TicketTools(TicketService tickets, PhaseOrchestrator orchestrator, ProjectAccess access) {
        this.tickets = tickets;
        this.orchestrator = orchestrator;
        this.access = access;
    }

    List<McpTool> tools() {
        return List.of(
                new McpTool(
                        "ticket_list",
                        "List tickets you can see, newest first (archived ones excluded).",
                        """
                        {"type": "object", "additionalProperties": false, "properties": {
                          "projectId": {"type": "string", "format": "uuid"},
                          "statuses": {"type": "string", "description": "comma list of open, in_progress, in_review, resolved"},
                          "workflowPhases": {"type": "string", "description": "comma list of research, planning, execution"},
                          "severity": {"type": "string", "description": "comma list of low, medium, high, critical"},
                          "search": {"type": "string", "maxLength": 200},
                          "limit": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50},
                          "offset": {"type": "integer", "minimum": 0, "default": 0}}}""",
                        true,
                        (actor, args) -> {
                            UUID projectId = args.uuid("projectId");
                            if (projectId != null) {
                                access.require(actor, projectId, ProjectPermission.VIEW);
                            }
                            var page = tickets.list(new TicketQuery(
                                    projectId,
                                    CsvParam.parse(args.string("statuses"), LifecycleStatus.class, "statuses"),
                                    CsvParam.parse(
                                            args.string("workflowPhases"), WorkflowPhase.class, "workflowPhases"),
                                    CsvParam.parse(args.string("severity"), Severity.class, "severity"),
                                    null,
                                    ArchivedFilter.exclude,
                                    args.string("search"),
                                    args.integer("limit", 50),
                                    args.integer("offset", 0),
                                    access.scope(actor)));
                            return Map.of(
                                    "tickets",
                                    page.data(),
                                    "total",
                                    page.pagination().total());
                        }),
                new McpTool(
                        "ticket_get",
                        "Get one ticket.",
                        """
                        {"type": "object", "additionalProperties": false, "required": ["ticketId"], "properties": {
                          "ticketId": {"type": "string", "format": "uuid"}}}""",
                        true,
                        (actor, args) -> {
                            UUID ticketId = args.uuid("ticketId");
                            access.requireTicket(actor, ticketId, ProjectPermission.VIEW);
                            return tickets.get(ticketId);
                        }),
                new McpTool(
                        "ticket_create",
                        "Create a ticket in a project; it starts in the research phase.",
                        """
                        {"type": "object", "additionalProperties": false, "required": ["projectId", "title", "description"],
                         "properties": {
                          "projectId": {"type": "string", "format": "uuid"},
                          "title": {"type": "string", "minLength": 1, "maxLength": 500},
                          "description": {"type": "string", "minLength": 1, "maxLength": 100000},
                          "severity": {"type": "string", "enum": ["low", "medium", "high", "critical"]},
                          "category": {"type": "string", "minLength": 1, "maxLength": 100}}}""",
                        false,
                        (actor, args) -> {
                            UUID projectId = args.uuid("projectId");
                            access.require(actor, projectId, ProjectPermission.WRITE);
                            return tickets.create(
                                    new CreateTicketRequest(
                                            projectId,
                                            args.string("title"),
                                            args.string("description"),
                                            args.wire(Severity.class, "severity"),
                                            args.string("category") == null ? "general" : args.string("category"),
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            null),
                                    List.of());
                        }),
                new McpTool(
                        "ticket_trigger",
                        "Move a ticket to a phase and run it: research runs research; planning approves the research "
                                + "if it is waiting and runs planning; execution approves the plan if it is waiting and "
                                + "runs execution. Approving needs the approver role.",
                        """
                        {"type": "object", "additionalProperties": false,
                         "required": ["ticketId", "clankerId", "targetPhase"], "properties": {
                          "ticketId": {"type": "string", "format": "uuid"},
                          "clankerId": {"type": "string", "format": "uuid"},
                          "targetPhase": {"type": "string", "enum": ["research", "planning", "execution"]}}}""",
                        false,
                        (actor, args) -> {
                            UUID ticketId = args.uuid("ticketId");
                            WorkflowPhase target = args.wire(WorkflowPhase.class, "targetPhase");
                            access.requireTicket(actor, ticketId, ProjectPermission.WRITE);
                            WorkflowPhase current = tickets.get(ticketId).workflowPhase();
                            if (target.ordinal() > current.ordinal()) {
                                access.requireTicket(actor, ticketId, ProjectPermission.APPROVE);
                            }
                            Job job = orchestrator.advanceAndRun(
                                    ticketId, args.uuid("clankerId"), target, actor.getName());
                            return Map.of("jobId", job.id(), "status", job.status(), "kind", job.kind());
                        }));
    }
}
