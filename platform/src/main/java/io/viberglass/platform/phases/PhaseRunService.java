package io.viberglass.platform.phases;

import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.WorkerSettings;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.jobs.JobQueue;
import io.viberglass.platform.jobs.PayloadFactory;
import io.viberglass.platform.jobs.RunRequest;
import io.viberglass.platform.jobs.RunTargets;
import io.viberglass.platform.projects.Project;
import io.viberglass.platform.projects.ScmConfig;
import io.viberglass.platform.prompts.PromptTemplateService;
import io.viberglass.platform.prompts.PromptType;
import io.viberglass.platform.prompts.UntrustedFence;
import io.viberglass.platform.tickets.TicketAuthor;
import io.viberglass.platform.tickets.TicketAuthorDao;
import io.viberglass.platform.tickets.TicketService;
import io.viberglass.platform.tickets.TicketTrustGate;
import io.viberglass.platform.tickets.TicketView;
import io.viberglass.platform.tickets.WorkflowPhase;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Starts the runs of a ticket's phases: research (writes RESEARCH.md), planning (PLAN.md, with or without research),
 * revisions of either, and execution, which needs an approved plan or an override. The task text comes from the
 * project's prompt templates.
 */
public class PhaseRunService {
    private static final int DOCUMENT_MAX_CHANGES = 1;
    private static final int EXECUTION_MAX_CHANGES = 10;

    private final Jdbi jdbi;
    private final Clock clock;
    private final JobQueue queue;
    private final TicketService tickets;
    private final RunTargets targets;
    private final PayloadFactory payloads;
    private final PromptTemplateService prompts;
    private final Supplier<UntrustedFence> fences;

    /** {@code fences} gives each prompt its own fence (a fresh random boundary) for outside authors' text. */
    public PhaseRunService(
            Jdbi jdbi,
            Clock clock,
            JobQueue queue,
            TicketService tickets,
            RunTargets targets,
            PayloadFactory payloads,
            PromptTemplateService prompts,
            Supplier<UntrustedFence> fences) {
        this.fences = fences;
        this.jdbi = jdbi;
        this.clock = clock;
        this.queue = queue;
        this.tickets = tickets;
        this.targets = targets;
        this.payloads = payloads;
        this.prompts = prompts;
    }

    public Job research(UUID ticketId, RunRequest request) {
        requireRunnable(ticketId);
        TicketView ticket = tickets.get(ticketId);
        if (ticket.workflowPhase() != WorkflowPhase.RESEARCH) {
            throw DomainException.invalid(
                    "RESEARCH_RUN_INVALID_PHASE",
                    "phase",
                    "The ticket is in the " + ticket.workflowPhase().wire()
                            + " phase; research runs in the research phase");
        }
        return start(
                ticket,
                WorkflowPhase.RESEARCH,
                PromptType.TICKET_RESEARCH,
                request.clankerId(),
                request.overrides(),
                request.instructionFiles(),
                null,
                null,
                fences.get(),
                (handle, job) -> {});
    }

    public Job planning(UUID ticketId, RunRequest request) {
        requireRunnable(ticketId);
        TicketView ticket = tickets.get(ticketId);
        if (ticket.workflowPhase() == WorkflowPhase.RESEARCH) {
            throw DomainException.invalid(
                    "PLANNING_RUN_INVALID_PHASE",
                    "phase",
                    "The ticket is still in research; " + "advance it to planning first");
        }
        boolean hasResearch = document(ticketId, WorkflowPhase.RESEARCH).isPresent();
        return start(
                ticket,
                WorkflowPhase.PLANNING,
                hasResearch ? PromptType.TICKET_PLANNING_WITH_RESEARCH : PromptType.TICKET_PLANNING_WITHOUT_RESEARCH,
                request.clankerId(),
                request.overrides(),
                request.instructionFiles(),
                null,
                null,
                fences.get(),
                (handle, job) -> {});
    }

    public Job revision(UUID ticketId, WorkflowPhase phase, RevisionRequest request) {
        requireRunnable(ticketId);
        DocumentService.requireDocumentPhase(phase);
        TicketView ticket = tickets.get(ticketId);
        return start(
                ticket,
                phase,
                phase == WorkflowPhase.RESEARCH
                        ? PromptType.TICKET_RESEARCH_REVISION_TASK
                        : PromptType.TICKET_PLANNING_REVISION_TASK,
                request.clankerId(),
                request.overrides(),
                request.instructionFiles(),
                request.revisionMessage(),
                null,
                fences.get(),
                (handle, job) -> {});
    }

    /** Execution needs an approved plan, or a ticket explicitly overridden to execution. */
    public Job execution(UUID ticketId, RunRequest request) {
        return execution(ticketId, request, (handle, jobId) -> {});
    }

    /** An execution run that also records {@code alsoInTransaction} with its job id (the webhook delivery behind it). */
    public Job execution(UUID ticketId, RunRequest request, BiConsumer<Handle, UUID> alsoInTransaction) {
        requireRunnable(ticketId);
        TicketView ticket = tickets.get(ticketId);
        boolean planApproved = jdbi.withExtension(PhaseDao.class, dao -> dao.document(ticketId, WorkflowPhase.PLANNING))
                .map(doc -> doc.approvalState() == ApprovalState.APPROVED)
                .orElse(false);
        if (!planApproved && ticket.workflowOverriddenAt() == null) {
            throw DomainException.conflict(
                    "EXECUTION_BLOCKED_UNAPPROVED_PLAN",
                    "Execution needs an approved plan or " + "an override to execution");
        }
        return start(
                ticket,
                WorkflowPhase.EXECUTION,
                PromptType.TICKET_DEVELOPING,
                request.clankerId(),
                request.overrides(),
                request.instructionFiles(),
                null,
                null,
                fences.get(),
                alsoInTransaction);
    }

    /**
     * What a follow-up addresses: the platform's own introduction, and the feedback quoted from the review, comment or
     * check. The feedback is fenced as untrusted text when {@code outsideAuthor} (who wrote it) is set.
     */
    public record FollowUpContext(String introduction, String feedback, String outsideAuthor) {}

    /**
     * A follow-up execution on the branch of a pull request an earlier run opened, with the review or the failed
     * check as context. No approval gate: the ticket already reached execution once.
     */
    public Job followUp(
            UUID ticketId,
            UUID clankerId,
            String branch,
            FollowUpContext context,
            BiConsumer<Handle, UUID> alsoInTransaction) {
        TicketView ticket = tickets.get(ticketId);
        UntrustedFence fence = fences.get();
        String feedback = context.outsideAuthor() == null
                ? context.feedback()
                : fence.wrap("feedback on the pull request", context.outsideAuthor(), context.feedback());
        return start(
                ticket,
                WorkflowPhase.EXECUTION,
                PromptType.TICKET_DEVELOPING,
                clankerId,
                new RunRequest.Overrides(context.introduction() + "\n\n" + feedback, null, null, null, null),
                List.of(),
                null,
                branch,
                fence,
                alsoInTransaction);
    }

    /**
     * Refuses (409 {@code TICKET_UNTRUSTED}) a ticket whose outside author awaits an approver or was rejected, before
     * any phase rule is looked at; the check is repeated inside the transaction that creates the job.
     */
    public void requireRunnable(UUID ticketId) {
        jdbi.useHandle(handle -> TicketTrustGate.requireRunnable(handle, ticketId));
    }

    public List<PhaseRun> history(UUID ticketId, WorkflowPhase phase, int limit) {
        return jdbi.inTransaction(handle -> {
            DocumentService.requireTicket(handle, ticketId);
            return handle.attach(PhaseDao.class).runs(ticketId, phase, limit);
        });
    }

    private Job start(
            TicketView ticket,
            WorkflowPhase phase,
            PromptType type,
            UUID clankerId,
            RunRequest.Overrides overrides,
            List<RunRequest.RunFile> files,
            String revisionMessage,
            String branch,
            UntrustedFence fence,
            BiConsumer<Handle, UUID> alsoInTransaction) {
        jdbi.useHandle(handle -> TicketTrustGate.requireRunnable(handle, ticket.id()));
        Project project = targets.project(ticket.projectId());
        ScmConfig scm = targets.repository(project);
        Clanker clanker = targets.activeClanker(clankerId);
        JobKind kind = JobKind.valueOf(phase.name());
        WorkerSettings settings = PayloadFactory.settings(
                overrides, kind == JobKind.EXECUTION ? EXECUTION_MAX_CHANGES : DOCUMENT_MAX_CHANGES);
        String research = document(ticket.id(), WorkflowPhase.RESEARCH).orElse(null);
        String plan = document(ticket.id(), WorkflowPhase.PLANNING).orElse(null);
        Map<String, String> values = PromptValues.of(project, ticket, overrides, settings);
        jdbi.withExtension(TicketAuthorDao.class, dao -> dao.find(ticket.id()))
                .filter(author -> !author.trusted())
                .ifPresent(author -> PromptValues.fence(values, fence, author));
        values.put("researchDocument", research);
        values.put("planDocument", plan);
        values.put("revisionMessage", revisionMessage);
        if (revisionMessage != null) {
            values.put(
                    "openComments", jdbi.inTransaction(handle -> CommentService.forPrompt(handle, ticket.id(), phase)));
        }
        UUID jobId = UUID.randomUUID();
        JobPayload payload = payloads.build(
                jobId,
                project,
                scm,
                clanker,
                ticket,
                new PayloadFactory.Run(
                        kind,
                        prompts.render(project.id(), type, values),
                        settings,
                        PayloadFactory.instructionFiles(project, files),
                        research,
                        plan),
                targets.credentials(clanker, scm));
        if (branch != null) {
            payload = PayloadFactory.onBranch(payload, branch);
        }
        JobQueue.NewJob job =
                new JobQueue.NewJob(jobId, kind, project.id(), ticket.id(), clanker.id(), payload, 1, null);
        if (kind == JobKind.EXECUTION) {
            return queue.enqueue(job, clock.instant(), handle -> {
                TicketTrustGate.requireRunnable(handle, ticket.id());
                alsoInTransaction.accept(handle, jobId);
            });
        }
        return queue.enqueue(job, clock.instant(), handle -> {
            TicketTrustGate.requireRunnable(handle, ticket.id());
            handle.attach(PhaseDao.class)
                    .insertRun(
                            UUID.randomUUID(),
                            ticket.id(),
                            phase,
                            jobId,
                            clanker.id(),
                            revisionMessage,
                            clock.instant());
            alsoInTransaction.accept(handle, jobId);
        });
    }

    private Optional<String> document(UUID ticketId, WorkflowPhase phase) {
        return jdbi.withExtension(PhaseDao.class, dao -> dao.document(ticketId, phase))
                .filter(doc -> !doc.isBlank())
                .map(PhaseDocument::content);
    }

    /** The template variables every ticket prompt can use. */
    static final class PromptValues {
        private PromptValues() {}

        static Map<String, String> of(
                Project project, TicketView ticket, RunRequest.Overrides overrides, WorkerSettings settings) {
            Map<String, String> values = new HashMap<>();
            values.put("ticketTitle", ticket.title());
            values.put("ticketDescription", ticket.description());
            values.put("externalTicketId", ticket.externalTicketId());
            values.put("externalTicketUrl", ticket.externalTicketUrl());
            values.put(
                    "severity",
                    overrides != null && overrides.priorityOverride() != null
                            ? overrides.priorityOverride()
                            : ticket.severity().wire());
            values.put("category", ticket.category());
            values.put("projectName", project.name());
            if (overrides != null) {
                values.put("reproductionSteps", overrides.reproductionSteps());
                values.put("expectedBehavior", overrides.expectedBehavior());
                values.put("additionalContext", overrides.additionalContext());
            }
            values.put("constraints", constraints(settings));
            return values;
        }

        /** The ticket's own text, written by an outside author the project does not trust, goes in fences. */
        static void fence(Map<String, String> values, UntrustedFence fence, TicketAuthor author) {
            String who = TicketTrustGate.describe(author);
            values.put("ticketTitle", fence.wrap("the ticket's title", who, values.get("ticketTitle")));
            values.put(
                    "ticketDescription", fence.wrap("the ticket's description", who, values.get("ticketDescription")));
        }

        static String constraints(WorkerSettings settings) {
            StringBuilder text = new StringBuilder();
            if (settings.maxChanges() != null) {
                text.append("- Change at most ").append(settings.maxChanges()).append(" files.\n");
            }
            if (Boolean.TRUE.equals(settings.testRequired())) {
                text.append("- Add or update tests that cover the change.\n");
            }
            if (Boolean.TRUE.equals(settings.runTests())) {
                text.append("- Run the tests")
                        .append(settings.testCommand() == null ? "" : " with `" + settings.testCommand() + "`")
                        .append(" and make them pass.\n");
            }
            if (settings.codingStandards() != null
                    && !settings.codingStandards().isBlank()) {
                text.append("- Coding standards: ")
                        .append(settings.codingStandards())
                        .append('\n');
            }
            return text.toString().strip();
        }
    }
}
