package io.viberglass.platform.webhooks;

import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.jobs.RunRequest;
import io.viberglass.platform.phases.PhaseRunService;
import io.viberglass.platform.phases.WorkflowService;
import io.viberglass.platform.tickets.CreateTicketRequest;
import io.viberglass.platform.tickets.OutsideAuthor;
import io.viberglass.platform.tickets.TicketAuthor;
import io.viberglass.platform.tickets.TicketService;
import io.viberglass.platform.tickets.TicketView;
import io.viberglass.platform.tickets.TrustState;
import io.viberglass.platform.tickets.UpdateTicketRequest;
import io.viberglass.platform.tickets.WorkflowPhase;
import io.viberglass.platform.trust.Hold;
import io.viberglass.platform.trust.TrustService;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Turns outside issues into tickets (one ticket per issue, however often it is delivered) and starts their execution
 * runs through the same path as the dashboard, so the dispatcher picks them up like any other job. Every ticket records
 * its author and the project's trust verdict on them; a run an untrusted author asked for (or any run of an untrusted
 * author's ticket) is held for a project approver instead of started.
 */
final class SourceTickets {
    static final String ACTOR = "webhook";

    private final Jdbi jdbi;
    private final Clock clock;
    private final TicketService tickets;
    private final WorkflowService workflow;
    private final PhaseRunService runs;
    private final TrustService trust;

    SourceTickets(
            Jdbi jdbi,
            Clock clock,
            TicketService tickets,
            WorkflowService workflow,
            PhaseRunService runs,
            TrustService trust) {
        this.trust = trust;
        this.jdbi = jdbi;
        this.clock = clock;
        this.tickets = tickets;
        this.workflow = workflow;
        this.runs = runs;
    }

    /** Who asked for the run: the issue's author, or the commenter who asked the bot. */
    record Requester(String id, String association) {
        static Requester authorOf(SourceIssue issue) {
            return new Requester(issue.authorId(), issue.authorAssociation());
        }
    }

    /**
     * The issue's ticket, found or created, and an execution run when {@code run} says so. {@code again} runs even a
     * ticket that already ran (someone asked the bot explicitly).
     */
    Handled open(
            InboundConfig config,
            Delivery delivery,
            String type,
            SourceIssue issue,
            boolean run,
            boolean again,
            Requester requester) {
        Optional<UUID> known = Optional.ofNullable(delivery.ticketId())
                .or(() -> issue.externalId() == null
                        ? Optional.empty()
                        : jdbi.withExtension(
                                WebhookTicketDao.class,
                                dao -> dao.bySource(config.projectId(), issue.system(), issue.externalId())));
        UUID ticketId = known.orElseGet(() -> create(
                        config,
                        delivery,
                        issue,
                        run,
                        trust.judge(
                                config.projectId(),
                                config.provider().wire(),
                                issue.authorId(),
                                issue.authorAssociation()))
                .id());
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
        OutsideAuthor asker =
                trust.judge(config.projectId(), config.provider().wire(), requester.id(), requester.association());
        if (ticket.trust().state() == TrustState.REJECTED) {
            return Handled.ignored(type, ticketNote + "; an approver rejected its author, so it runs nothing");
        }
        if (!ticket.trust().state().allowsRuns() || !asker.trusted()) {
            OutsideAuthor held = asker.trusted() ? of(ticket.trust()) : asker;
            Map<String, Object> pending = new LinkedHashMap<>();
            pending.put(
                    "clankerId",
                    config.clankerId() == null ? null : config.clankerId().toString());
            pending.put("eventType", type);
            pending.put("reason", reason(config, type) + ", approved");
            trust.hold(ticketId, Hold.EXECUTION, held, pending, delivery.id());
            return Handled.processed(
                    type, ticketNote + "; its run waits for a project approver: " + held.reason(), ticketId, null);
        }
        Job job = start(ticketId, config.clankerId(), delivery.id(), reason(config, type));
        return Handled.processed(type, ticketNote + "; execution run queued", ticketId, job.id());
    }

    /** The execution run, moving the ticket to execution first when it is not there; also starts approved holds. */
    Job start(UUID ticketId, UUID clankerId, UUID deliveryId, String reason) {
        TicketView ticket = tickets.get(ticketId);
        if (ticket.workflowPhase() != WorkflowPhase.EXECUTION && ticket.workflowOverriddenAt() == null) {
            workflow.overrideToExecution(ticketId, reason, ACTOR);
        }
        return runs.execution(ticketId, new RunRequest(clankerId, null, List.of()), (handle, jobId) -> {
            if (deliveryId != null) {
                handle.attach(DeliveryDao.class).recordJob(deliveryId, jobId, clock.instant());
            }
        });
    }

    private static OutsideAuthor of(TicketAuthor author) {
        return new OutsideAuthor(
                author.provider(), author.identity(), author.association(), author.trusted(), author.reason());
    }

    /**
     * The latest ticket of the issue takes its new title, description and severity. An editor the project does not
     * trust may change only a ticket still awaiting its approver (who then sees the text as it is): never one already
     * approved or trusted, whose text would otherwise change under the approval.
     */
    Handled update(InboundConfig config, String type, SourceIssue issue, String editorId) {
        Optional<UUID> ticketId = issue.externalId() == null
                ? Optional.empty()
                : jdbi.withExtension(
                        WebhookTicketDao.class,
                        dao -> dao.bySource(config.projectId(), issue.system(), issue.externalId()));
        if (ticketId.isEmpty()) {
            return Handled.ignored(
                    type, "No Viberglass ticket for " + issue.system().wire() + " issue " + issue.externalId());
        }
        OutsideAuthor editor = trust.judge(config.projectId(), config.provider().wire(), editorId, null);
        TrustState state = tickets.get(ticketId.get()).trust().state();
        if (!editor.trusted() && state != TrustState.AWAITING) {
            return Handled.ignored(
                    type, "The change is not applied: " + editor.reason() + ", and the ticket is " + state.wire());
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

    private TicketView create(
            InboundConfig config, Delivery delivery, SourceIssue issue, boolean run, OutsideAuthor author) {
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
                issue.system(),
                author);
    }

    private static String reason(InboundConfig config, String type) {
        return "Started by a " + config.provider().label() + " webhook (" + type + ")";
    }
}
