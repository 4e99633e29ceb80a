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
import io.viberglass.platform.projects.Project;
import io.viberglass.platform.projects.ScmConfig;
import io.viberglass.platform.tickets.TicketView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** Builds the worker payload of a run from the ticket, its project's repository and the clanker. No secrets go in. */
public class PayloadFactory {
    static final String DEFAULT_BRANCH_TEMPLATE = "viberator/{{ticketId}}";

    private final String publicUrl;
    private final Function<UUID, List<InstructionFile>> clankerFiles;

    /** @param clankerFiles a clanker's own instruction files, by clanker id */
    public PayloadFactory(String publicUrl, Function<UUID, List<InstructionFile>> clankerFiles) {
        this.publicUrl = publicUrl;
        this.clankerFiles = clankerFiles;
    }

    /** What one run needs besides its ticket: documents so far, the rendered task and the limits. */
    public record Run(
            JobKind kind,
            String task,
            WorkerSettings settings,
            List<InstructionFile> instructionFiles,
            String researchDocument,
            String planDocument) {}

    /**
     * The credentials a run names (values never go in the payload).
     *
     * @param names every credential the worker receives: the clanker's secrets and the repository token
     * @param scmCredential the name of the repository token among them, or {@code null}
     */
    public record Credentials(List<String> names, String scmCredential) {}

    public JobPayload build(
            UUID jobId,
            Project project,
            ScmConfig scm,
            Clanker clanker,
            TicketView ticket,
            Run run,
            Credentials credentials) {
        return new JobPayload(
                JobPayload.CONTRACT_VERSION,
                jobId.toString(),
                run.kind(),
                project.id().toString(),
                clanker.id().toString(),
                publicUrl,
                agent(clanker),
                repository(scm, credentials.scmCredential()),
                run.task(),
                ticketContext(ticket, run),
                merge(clankerFiles.apply(clanker.id()), run.instructionFiles()),
                run.settings(),
                credentials.names());
    }

    /** The clanker's files first; the run's (project AGENTS.md, per-run files, TASK.md) win on the same path. */
    static List<InstructionFile> merge(List<InstructionFile> clanker, List<InstructionFile> run) {
        Map<String, InstructionFile> byPath = new LinkedHashMap<>();
        for (InstructionFile file : clanker) {
            byPath.put(file.path().toLowerCase(Locale.ROOT), file);
        }
        for (InstructionFile file : run) {
            byPath.put(file.path().toLowerCase(Locale.ROOT), file);
        }
        return new ArrayList<>(byPath.values());
    }

    private static AgentSpec agent(Clanker clanker) {
        Map<String, String> options = clanker.agentOptions();
        return new AgentSpec(clanker.agent(), options.get("model"), options.get("endpoint"), options);
    }

    private static RepositorySpec repository(ScmConfig scm, String credentialName) {
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
                credentialName,
                target,
                null);
    }

    /** A claw run has no ticket: only its documents (none) would go in, so there is no context at all. */
    private TicketContext ticketContext(TicketView ticket, Run run) {
        if (ticket == null) {
            return null;
        }
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
                run.researchDocument(),
                run.planDocument(),
                media);
    }

    /** Project instructions become AGENTS.md; the run's own files come last and win on the same path. */
    public static List<InstructionFile> instructionFiles(Project project, List<RunRequest.RunFile> runFiles) {
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

    /** The same payload working on {@code branch} (a follow-up pushes to its pull request's branch). */
    public static JobPayload onBranch(JobPayload payload, String branch) {
        RepositorySpec repo = payload.repository();
        return payload.withRepository(new RepositorySpec(
                repo.url(),
                repo.baseBranch(),
                branch,
                repo.branchTemplate(),
                repo.provider(),
                repo.apiUrl(),
                repo.credentialName(),
                repo.pullRequest(),
                repo.author()));
    }

    /** The same payload as one turn of an interactive agent session. */
    public static JobPayload asSessionTurn(JobPayload payload, io.viberglass.common.session.SessionTurn turn) {
        return payload.withSession(turn);
    }

    /** The run's settings over the kind's defaults. */
    public static WorkerSettings settings(RunRequest.Overrides overrides, int defaultMaxChanges) {
        RunRequest.Settings run = overrides == null ? null : overrides.settings();
        if (run == null) {
            return new WorkerSettings(
                    WorkerSettings.DEFAULT_MAX_EXECUTION_SECONDS, defaultMaxChanges, false, false, null, null);
        }
        return new WorkerSettings(
                run.maxExecutionTime() == null ? WorkerSettings.DEFAULT_MAX_EXECUTION_SECONDS : run.maxExecutionTime(),
                run.maxChanges() == null ? defaultMaxChanges : run.maxChanges(),
                Boolean.TRUE.equals(run.testRequired()),
                Boolean.TRUE.equals(run.runTests()),
                run.testCommand(),
                run.codingStandards());
    }
}
