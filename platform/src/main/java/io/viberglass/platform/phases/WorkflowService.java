package io.viberglass.platform.phases;

import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.tickets.Ticket;
import io.viberglass.platform.tickets.TicketDao;
import io.viberglass.platform.tickets.WorkflowPhase;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Moving a ticket between phases: advance one step, set by hand, or skip to execution with an audited reason. */
public class WorkflowService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final LifecycleSync lifecycle;

    public WorkflowService(Jdbi jdbi, Clock clock, LifecycleSync lifecycle) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.lifecycle = lifecycle;
    }

    public record PhaseStep(WorkflowPhase phase, String status) {}

    public record WorkflowView(
            UUID ticketId,
            WorkflowPhase workflowPhase,
            List<PhaseStep> phases,
            String workflowOverrideReason,
            Instant workflowOverriddenAt,
            String workflowOverriddenBy) {}

    public WorkflowView view(UUID ticketId) {
        return view(load(ticketId));
    }

    public WorkflowView advance(UUID ticketId, WorkflowPhase target) {
        return update(
                ticketId,
                (tickets, ticket, now) ->
                        tickets.setPhase(ticketId, WorkflowMachine.advance(ticket.workflowPhase(), target), now));
    }

    public WorkflowView set(UUID ticketId, WorkflowPhase target) {
        return update(ticketId, (tickets, ticket, now) -> tickets.setPhase(ticketId, target, now));
    }

    public WorkflowView overrideToExecution(UUID ticketId, String reason, String actor) {
        return update(
                ticketId,
                (tickets, ticket, now) -> tickets.overrideToExecution(
                        ticketId,
                        WorkflowMachine.overrideReason(reason, ticket.workflowOverriddenAt() != null),
                        actor,
                        now));
    }

    private interface Step {
        void apply(TicketDao tickets, Ticket ticket, Instant now);
    }

    private WorkflowView update(UUID ticketId, Step step) {
        return jdbi.inTransaction(handle -> {
            TicketDao tickets = handle.attach(TicketDao.class);
            Ticket ticket = tickets.findForUpdate(ticketId).orElseThrow(() -> notFound(ticketId));
            Instant now = clock.instant();
            step.apply(tickets, ticket, now);
            lifecycle.synchronize(handle, ticketId, now);
            return view(tickets.find(ticketId).orElseThrow());
        });
    }

    private Ticket load(UUID ticketId) {
        return jdbi.withExtension(TicketDao.class, dao -> dao.find(ticketId)).orElseThrow(() -> notFound(ticketId));
    }

    private static WorkflowView view(Ticket ticket) {
        List<PhaseStep> steps = Arrays.stream(WorkflowPhase.values())
                .map(phase -> new PhaseStep(phase, WorkflowMachine.view(ticket.workflowPhase(), phase)))
                .toList();
        return new WorkflowView(
                ticket.id(),
                ticket.workflowPhase(),
                steps,
                ticket.workflowOverrideReason(),
                ticket.workflowOverriddenAt(),
                ticket.workflowOverriddenBy());
    }

    private static DomainException notFound(UUID ticketId) {
        return DomainException.notFound("TICKET_NOT_FOUND", "Ticket " + ticketId + " not found");
    }
}
