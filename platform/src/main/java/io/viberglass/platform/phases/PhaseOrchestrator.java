package io.viberglass.platform.phases;

import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.jobs.RunRequest;
import io.viberglass.platform.tickets.TicketService;
import io.viberglass.platform.tickets.TicketView;
import io.viberglass.platform.tickets.WorkflowPhase;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * "Advance and run", what a chat approval, a Slack mention and the MCP trigger ask for: bring the ticket to the target
 * phase the way a reviewer would (approving the document that stands in the way, under the approver's name and role
 * check) and start that phase's run.
 */
public class PhaseOrchestrator {
    private final Jdbi jdbi;
    private final TicketService tickets;
    private final WorkflowService workflow;
    private final ApprovalService approvals;
    private final PhaseRunService runs;

    public PhaseOrchestrator(
            Jdbi jdbi,
            TicketService tickets,
            WorkflowService workflow,
            ApprovalService approvals,
            PhaseRunService runs) {
        this.jdbi = jdbi;
        this.tickets = tickets;
        this.workflow = workflow;
        this.approvals = approvals;
        this.runs = runs;
    }

    public Job advanceAndRun(UUID ticketId, UUID clankerId, WorkflowPhase target, String actor) {
        // before approving anything on the way: an untrusted ticket changes nothing here
        runs.requireRunnable(ticketId);
        TicketView ticket = tickets.get(ticketId);
        RunRequest run = new RunRequest(clankerId, null, List.of());
        return switch (target) {
            case RESEARCH -> runs.research(ticketId, run);
            case PLANNING -> {
                if (ticket.workflowPhase() == WorkflowPhase.RESEARCH) {
                    if (needsApproval(ticketId, WorkflowPhase.RESEARCH)) {
                        approvals.approve(ticketId, WorkflowPhase.RESEARCH, actor);
                    } else {
                        workflow.advance(ticketId, WorkflowPhase.PLANNING);
                    }
                }
                yield runs.planning(ticketId, run);
            }
            case EXECUTION -> {
                if (ticket.workflowPhase() == WorkflowPhase.RESEARCH) {
                    throw DomainException.conflict(
                            "EXECUTION_NEEDS_PLAN", "The ticket is still in research; it needs a plan first");
                }
                if (ticket.workflowOverriddenAt() == null && needsApproval(ticketId, WorkflowPhase.PLANNING)) {
                    approvals.approve(ticketId, WorkflowPhase.PLANNING, actor);
                }
                yield runs.execution(ticketId, run);
            }
        };
    }

    /** The document has content that is not approved yet (a missing or empty one is for the service to report). */
    private boolean needsApproval(UUID ticketId, WorkflowPhase phase) {
        return jdbi.withExtension(PhaseDao.class, dao -> dao.document(ticketId, phase))
                .map(document -> document.approvalState() != ApprovalState.APPROVED && !document.isBlank())
                .orElse(false);
    }
}
