package io.viberglass.viberator.cli;

import io.viberglass.common.job.AgentSpec;
import io.viberglass.common.job.AgentType;
import io.viberglass.common.job.CommitAuthor;
import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.RepositorySpec;
import io.viberglass.common.job.ScmProvider;
import io.viberglass.common.job.WorkerSettings;
import io.viberglass.viberator.RunContext;
import io.viberglass.viberator.report.ConsoleReporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code viberator run}: one standalone job on a laptop or in CI, no platform involved. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run an agent on a repository: clone, run the agent, then commit, push and (with --pr) open a "
                + "pull request; or write RESEARCH.md / PLAN.md for --kind research|planning.")
final class RunCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--repo",
            required = true,
            paramLabel = "URL|PATH",
            description = "Repository to clone: URL or local path.")
    String repo;

    @Option(
            names = "--agent",
            required = true,
            paramLabel = "AGENT",
            converter = AgentTypeConverter.class,
            description = "Agent to run: claude-code, codex, gemini-cli, qwen-code, opencode, kimi-code, mistral-vibe.")
    AgentType agent;

    @Option(names = "--task", paramLabel = "TEXT", description = "What the agent should do.")
    String task;

    @Option(names = "--task-file", paramLabel = "FILE", description = "Read the task from a file instead of --task.")
    Path taskFile;

    @Option(
            names = "--kind",
            paramLabel = "KIND",
            defaultValue = "execution",
            converter = JobKindConverter.class,
            description = "execution (default), research, planning or claw.")
    JobKind kind;

    @Option(
            names = "--base",
            paramLabel = "BRANCH",
            defaultValue = "main",
            description = "Branch to start from (default: main).")
    String base;

    @Option(
            names = "--branch",
            paramLabel = "BRANCH",
            description = "Work branch to push (default: viberator/<run id>).")
    String branch;

    @Option(names = "--pr", description = "Open (or update) a pull request on GitHub or a merge request on GitLab.")
    boolean pullRequest;

    @Option(
            names = "--provider",
            paramLabel = "PROVIDER",
            converter = ScmProviderConverter.class,
            description = "github, gitlab or git; guessed from the URL when absent.")
    ScmProvider provider;

    @Option(
            names = "--api-url",
            paramLabel = "URL",
            description = "SCM API base URL (GitHub Enterprise, self-hosted GitLab).")
    String apiUrl;

    @Option(
            names = "--scm-credential",
            paramLabel = "NAME",
            description = "Credential (secret file or env variable) holding the SCM token "
                    + "(default: GITHUB_TOKEN/GH_TOKEN or GITLAB_TOKEN).")
    String scmCredential;

    @Option(names = "--model", paramLabel = "MODEL", description = "Model name passed to the agent CLI.")
    String model;

    @Option(names = "--endpoint", paramLabel = "URL", description = "Model API base URL passed to the agent CLI.")
    String endpoint;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "45m",
            converter = DurationConverter.class,
            description = "Hard limit for the agent, e.g. 30m (default: 45m).")
    Duration timeout;

    @Option(names = "--author-name", paramLabel = "NAME", description = "Commit author name (default: Viberator).")
    String authorName;

    @Option(names = "--author-email", paramLabel = "EMAIL", description = "Commit author email.")
    String authorEmail;

    @Mixin
    OutputOptions output;

    @Mixin
    WorkerOptions worker;

    RunCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        String text = task != null ? task : taskFile != null ? Files.readString(taskFile) : null;
        if (text == null || text.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give the task with --task or --task-file");
        }
        JobPayload payload = payload(text);
        ConsoleReporter console = new ConsoleReporter(spec.commandLine().getErr(), output.verbose);
        RunContext context = JobExecution.context(environment, worker, console, false);
        JobResult result = JobExecution.run(environment, payload, context);
        return JobExecution.finish(result, output, spec.commandLine().getOut());
    }

    JobPayload payload(String text) {
        String runId = "local-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .withZone(ZoneOffset.UTC)
                        .format(environment.clock().instant());
        ScmProvider scm = pullRequest ? (provider != null ? provider : ScmProvider.detect(repo)) : ScmProvider.GIT;
        CommitAuthor author = authorName == null && authorEmail == null
                ? null
                : new CommitAuthor(
                        authorName == null ? CommitAuthor.defaultAuthor().name() : authorName,
                        authorEmail == null ? CommitAuthor.defaultAuthor().email() : authorEmail);
        String workBranch = branch != null ? branch : kind.changesCode() ? "viberator/" + runId : null;
        RepositorySpec repository =
                new RepositorySpec(repositoryUrl(), base, workBranch, null, scm, apiUrl, scmCredential, null, author);
        List<String> credentials = new ArrayList<>();
        if (scmCredential != null) {
            credentials.add(scmCredential);
        }
        return new JobPayload(
                JobPayload.CONTRACT_VERSION,
                runId,
                kind,
                "local",
                null,
                null,
                new AgentSpec(agent, model, endpoint, Map.of()),
                repository,
                text,
                null,
                List.of(),
                new WorkerSettings((int) Math.min(86_400, timeout.toSeconds()), null, false, false, null, null),
                credentials);
    }

    /** Local paths are made absolute: the clone runs in another directory. */
    private String repositoryUrl() {
        Path local = Path.of(repo);
        return !repo.contains("://") && !repo.contains("@") && Files.exists(local)
                ? local.toAbsolutePath().normalize().toString()
                : repo;
    }
}
