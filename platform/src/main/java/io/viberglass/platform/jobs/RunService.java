package io.viberglass.platform.jobs;

import io.viberglass.common.job.AgentSpec;
import io.viberglass.common.job.InstructionFile;
import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.PullRequestTarget;
import io.viberglass.common.job.RepositorySpec;
import io.viberglass.common.job.TicketContext;
import io.viberglass.common.job.TicketMedia;
import io.viberglass.common.job.WorkerSettings;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.ClankerService;
import io.viberglass.platform.clankers.ClankerStatus;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.projects.Project;
import io.viberglass.platform.projects.ProjectService;
import io.viberglass.platform.projects.ScmConfig;
import io.viberglass.platform.tickets.TicketService;
import io.viberglass.platform.tickets.TicketView;
import io.viberglass.platform.tickets.WorkflowPhase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Turns "run this ticket with that clanker" into a queued job whose payload has everything the worker needs. The
 * dispatcher picks it up from the table; nothing here talks to a worker.
 */
public class RunService {
    static final String DEFAULT_BRANCH_TEMPLATE = "viberator/{{ticketId}}";
    static final int DEFAULT_MAX_CHANGES = 10;

    private final JobQueue queue;
    private final TicketService tickets;
    private final ProjectService projects;
    private final ClankerService clankers;
    private final Clock clock;
    private final String publicUrl;

    public RunService(
            JobQueue queue,
            TicketService tickets,
            ProjectService projects,
            ClankerService clankers,
            Clock clock,
            String publicUrl) {
        this.queue = queue;
        this.tickets = tickets;
        this.projects = projects;
        this.clankers = clankers;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    /** Queues an execution run; refused while the plan is not approved (the ticket is not in execution). */
    public Job startExecution(UUID ticketId, RunRequest request) {
        TicketView ticket = tickets.get(ticketId);
        if (ticket.workflowPhase() != WorkflowPhase.EXECUTION) {
            throw DomainException.conflict(
                    "EXECUTION_BLOCKED_UNAPPROVED_PLAN",
                    "Ticket is in the "
                            + ticket.workflowPhase().wire()
                            + " phase; execution needs an approved plan or an override to "
                            + "execution");
        }
        Project project = projects.get(ticket.projectId());
        ScmConfig scm = repository(project);
        Clanker clanker = activeClanker(request.clankerId());
        UUID jobId = UUID.randomUUID();
        WorkerSettings settings = settings(request.overrides());
        JobPayload payload = new JobPayload(
                JobPayload.CONTRACT_VERSION,
                jobId.toString(),
                JobKind.EXECUTION,
                project.id().toString(),
                clanker.id().toString(),
                publicUrl,
                agent(clanker),
                repositorySpec(scm),
                ExecutionPrompt.render(ticket, request.overrides(), settings),
                ticketContext(ticket),
                instructionFiles(project, request.instructionFiles()),
                settings,
                List.of());
        return queue.enqueue(
                new JobQueue.NewJob(
                        jobId, JobKind.EXECUTION, project.id(), ticket.id(), clanker.id(), payload, 1, null),
                clock.instant());
    }

    private ScmConfig repository(Project project) {
        try {
            return projects.scmConfig(project.id());
        } catch (DomainException e) {
            throw DomainException.invalid(
                    "PROJECT_REPOSITORY_NOT_CONFIGURED",
                    "repository",
                    "Project " + project.name() + " has no repository configured");
        }
    }

    private Clanker activeClanker(UUID clankerId) {
        Clanker clanker = clankers.get(clankerId);
        if (clanker.status() != ClankerStatus.ACTIVE) {
            throw DomainException.invalid(
                    "CLANKER_NOT_ACTIVE",
                    "clankerId",
                    "Selected clanker is " + clanker.status().wire() + ". Only active clankers can run jobs.");
        }
        return clanker;
    }

    private static AgentSpec agent(Clanker clanker) {
        Map<String, String> options = clanker.agentOptions();
        return new AgentSpec(clanker.agent(), options.get("model"), options.get("endpoint"), options);
    }

    private static RepositorySpec repositorySpec(ScmConfig scm) {
        PullRequestTarget target = scm.pullRequestRepositoryUrl() == null && scm.pullRequestBaseBranch() == null
                ? null
                : new PullRequestTarget(scm.pullRequestRepositoryUrl(), scm.pullRequestBaseBranch(), false);
        return new RepositorySpec(
                scm.repositoryUrl(),
                scm.baseBranch(),
                null,
                scm.branchNameTemplate() == null ? DEFAULT_BRANCH_TEMPLATE : scm.branchNameTemplate(),
                scm.provider(),
                scm.apiUrl(),
                null,
                target,
                null);
    }

    private TicketContext ticketContext(TicketView ticket) {
        List<TicketMedia> media = ticket.media() == null
                ? List.of()
                : ticket.media().stream()
                        .map(m -> new TicketMedia(
                                m.id().toString(),
                                m.kind().wire(),
                                m.filename(),
                                m.mimeType(),
                                m.size(),
                                publicUrl + m.url()))
                        .toList();
        return new TicketContext(
                ticket.id().toString(),
                ticket.externalTicketId(),
                ticket.externalTicketUrl(),
                ticket.title(),
                null,
                null,
                media);
    }

    /** Project instructions become AGENTS.md; the run's own files come last and win on the same path. */
    private static List<InstructionFile> instructionFiles(Project project, List<RunRequest.RunFile> runFiles) {
        Map<String, InstructionFile> byPath = new LinkedHashMap<>();
        if (project.agentInstructions() != null && !project.agentInstructions().isBlank()) {
            byPath.put("agents.md", new InstructionFile("AGENTS.md", project.agentInstructions()));
        }
        for (RunRequest.RunFile file : runFiles) {
            if (!file.content().isBlank()) {
                byPath.put(file.path().toLowerCase(Locale.ROOT), new InstructionFile(file.path(), file.content()));
            }
        }
        return new ArrayList<>(byPath.values());
    }

    private static WorkerSettings settings(RunRequest.Overrides overrides) {
        RunRequest.Settings run = overrides == null ? null : overrides.settings();
        if (run == null) {
            return new WorkerSettings(
                    WorkerSettings.DEFAULT_MAX_EXECUTION_SECONDS, DEFAULT_MAX_CHANGES, false, false, null, null);
        }
        return new WorkerSettings(
                run.maxExecutionTime() == null ? WorkerSettings.DEFAULT_MAX_EXECUTION_SECONDS : run.maxExecutionTime(),
                run.maxChanges() == null ? DEFAULT_MAX_CHANGES : run.maxChanges(),
                Boolean.TRUE.equals(run.testRequired()),
                Boolean.TRUE.equals(run.runTests()),
                run.testCommand(),
                run.codingStandards());
    }
}
