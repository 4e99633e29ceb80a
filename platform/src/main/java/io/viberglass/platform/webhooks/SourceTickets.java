package io.viberglass.platform.webhooks;

import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.jobs.RunRequest;
import io.viberglass.platform.phases.PhaseRunService;
import io.viberglass.platform.phases.WorkflowService;
import io.viberglass.platform.tickets.CreateTicketRequest;
import io.viberglass.platform.tickets.TicketService;
import io.viberglass.platform.tickets.TicketView;
import io.viberglass.platform.tickets.UpdateTicketRequest;
import io.viberglass.platform.tickets.WorkflowPhase;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Turns outside issues into tickets (one ticket per issue, however often it is delivered) and starts their execution
 * runs through the same path as the dashboard, so the dispatcher picks them up like any other job.
 */
final class SourceTickets {
    static final String ACTOR = "webhook";

    private final Jdbi jdbi;
    private final Clock clock;
    private final TicketService tickets;
    private final WorkflowService workflow;
    private final PhaseRunService runs;

    SourceTickets(Jdbi jdbi, Clock clock, TicketService tickets, WorkflowService workflow, PhaseRunService runs) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.tickets = tickets;
        this.workflow = workflow;
        this.runs = runs;
    }

    /**
     * The issue's ticket, found or created, and an execution run when {@code run} says so. {@code again} runs even a
     * ticket that already ran (someone asked the bot explicitly).
     */
    Handled open(InboundConfig config, Delivery delivery, String type, SourceIssue issue, boolean run, boolean again) {
        Optional<UUID> known = Optional.ofNullable(delivery.ticketId())
                .or(() -> issue.externalId() == null
                        ? Optional.empty()
                        : jdbi.withExtension(
                                WebhookTicketDao.class,
                                dao -> dao.bySource(config.projectId(), issue.system(), issue.externalId())));
        UUID ticketId =
                known.orElseGet(() -> create(config, delivery, issue, run).id());
        jdbi.useExtension(DeliveryDao.class, dao -> dao.recordTicket(delivery.id(), ticketId, clock.instant()));
        String ticketNote = known.isPresent() ? "Ticket already existed" : "Ticket created";
        if (!run) {
            return Handled.processed(type, ticketNote, ticketId, null);
        }
        if (delivery.jobId() != null) {
            return Handled.processed(type, ticketNote + "; its run was started earlier", ticketId, delivery.jobId());
        }
        if (!again && jdbi.withExtension(WebhookTicketDao.class, dao -> dao.hasExecution(ticketId))) {
            return Handled.processed(type, ticketNote + "; it already has a run", ticketId, null);
        }
        TicketView ticket = tickets.get(ticketId);
        if (ticket.workflowPhase() != WorkflowPhase.EXECUTION && ticket.workflowOverriddenAt() == null) {
            workflow.overrideToExecution(ticketId, reason(config, type), ACTOR);
        }
        Job job = runs.execution(
                ticketId,
                new RunRequest(config.clankerId(), null, List.of()),
                (handle, jobId) -> handle.attach(DeliveryDao.class).recordJob(delivery.id(), jobId, clock.instant()));
        return Handled.processed(type, ticketNote + "; execution run queued", ticketId, job.id());
    }

    /** The latest ticket of the issue takes its new title, description and severity. */
    Handled update(InboundConfig config, String type, SourceIssue issue) {
        Optional<UUID> ticketId = issue.externalId() == null
                ? Optional.empty()
                : jdbi.withExtension(
                        WebhookTicketDao.class,
                        dao -> dao.bySource(config.projectId(), issue.system(), issue.externalId()));
        if (ticketId.isEmpty()) {
            return Handled.ignored(
                    type, "No Viberglass ticket for " + issue.system().wire() + " issue " + issue.externalId());
        }
        tickets.update(
                ticketId.get(),
                new UpdateTicketRequest(
                        Nodes.truncate(issue.title(), 500),
                        Nodes.truncate(issue.description(), 100_000),
                        issue.severity(),
                        issue.category(),
                        null,
                        null,
                        issue.url(),
                        null,
                        null));
        return Handled.processed(type, "Ticket updated", ticketId.get(), null);
    }

    private TicketView create(InboundConfig config, Delivery delivery, SourceIssue issue, boolean run) {
        Map<String, Object> metadata = new LinkedHashMap<>(issue.metadata());
        metadata.values().removeIf(java.util.Objects::isNull);
        metadata.put("source", config.provider().wire());
        metadata.put("inboundConfigId", config.id().toString());
        metadata.put("integrationId", config.integrationId().toString());
        metadata.put("deliveryId", delivery.deliveryId());
        if (issue.repository() != null) {
            metadata.put("providerProjectId", issue.repository());
        } else if (config.providerProjectId() != null) {
            metadata.put("providerProjectId", config.providerProjectId());
        }
        if (!issue.labels().isEmpty()) {
            metadata.put("labels", issue.labels());
        }
        String url = issue.url() != null
                        && issue.url().matches("https?://\\S+")
                        && issue.url().length() <= 1000
                ? issue.url()
                : null;
        return tickets.create(
                new CreateTicketRequest(
                        config.projectId(),
                        Nodes.truncate(
                                issue.title().isBlank()
                                        ? "Untitled issue"
                                        : issue.title().strip(),
                                500),
                        Nodes.truncate(issue.description(), 100_000),
                        issue.severity(),
                        Nodes.truncate(issue.category(), 100),
                        metadata,
                        null,
                        run,
                        run ? WorkflowPhase.EXECUTION : null,
                        run ? reason(config, "issue") : null,
                        Nodes.truncate(issue.externalId(), 255),
                        url),
                List.of(),
                issue.system());
    }

    private static String reason(InboundConfig config, String type) {
        return "Started by a " + config.provider().label() + " webhook (" + type + ")";
    }
}
