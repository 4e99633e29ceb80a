package io.viberglass.viberator;

import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.LogLevel;
import io.viberglass.common.job.RunOutcome;
import io.viberglass.common.job.ScmProvider;
import io.viberglass.common.json.Json;
import io.viberglass.common.security.SecretRedactor;
import io.viberglass.common.security.SecretValue;
import io.viberglass.common.session.SessionTurn;
import io.viberglass.viberator.agent.AgentHarness;
import io.viberglass.viberator.agent.AgentRequest;
import io.viberglass.viberator.agent.BinaryResolver;
import io.viberglass.viberator.agent.HarnessRegistry;
import io.viberglass.viberator.credentials.Credentials;
import io.viberglass.viberator.git.BranchNames;
import io.viberglass.viberator.git.GitOperationException;
import io.viberglass.viberator.git.GitRepository;
import io.viberglass.viberator.git.TokenCredentials;
import io.viberglass.viberator.payload.InvalidPayloadException;
import io.viberglass.viberator.payload.PayloadReader;
import io.viberglass.viberator.process.ProcessRunner;
import io.viberglass.viberator.prompt.PromptBuilder;
import io.viberglass.viberator.report.JobReporter;
import io.viberglass.viberator.report.RedactingReporter;
import io.viberglass.viberator.scm.GitHubPullRequests;
import io.viberglass.viberator.scm.GitLabMergeRequests;
import io.viberglass.viberator.scm.PullRequestService;
import io.viberglass.viberator.scm.RepositoryAddress;
import io.viberglass.viberator.session.SessionChannel;
import io.viberglass.viberator.session.SessionEventForwarder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * The worker's one entry point: runs a {@link JobPayload} to a {@link JobResult}. Used identically by
 * {@code viberator run}, {@code viberator job}, the Docker entrypoint and the Lambda handler; build it once with
 * {@code new} and call {@link #run} per job (it keeps no per-job state).
 *
 * <p>A run validates the payload, resolves credentials, clones the repository onto the work branch, writes instruction
 * files, runs the agent CLI under a hard time limit, then either reads the phase document (research, planning) or
 * commits, pushes and opens or updates a pull request (execution, claw). Every outcome is data: {@link #run} does not
 * throw for failures of the job, and it reports progress, logs and the result to the context's reporter, redacted.
 */
public final class JobRunner {
    /** How long an agent gets to exit after SIGTERM before SIGKILL. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    private final Clock clock;
    private final HarnessRegistry harnesses;
    private final PayloadReader payloads;
    private final PromptBuilder prompts;
    private final AgentExecution agents;
    private final ChangeDelivery delivery;
    private final AcpTurnRunner acpTurns;
    private final int cloneDepth;

    /**
     * @param pullRequests the pull-request service for a provider; empty means "push only"
     * @param grace time between SIGTERM and SIGKILL for a timed-out or cancelled agent
     * @param cloneDepth commits of history to fetch; 0 for full history
     */
    public JobRunner(
            Clock clock,
            HarnessRegistry harnesses,
            ProcessRunner processes,
            PromptBuilder prompts,
            PayloadReader payloads,
            Function<ScmProvider, Optional<PullRequestService>> pullRequests,
            Duration grace,
            int cloneDepth) {
        this.clock = clock;
        this.harnesses = harnesses;
        this.payloads = payloads;
        this.prompts = prompts;
        this.agents = new AgentExecution(processes, grace);
        this.delivery = new ChangeDelivery(clock, pullRequests);
        this.acpTurns = new AcpTurnRunner(clock, Json.newMapper(), grace, SessionEventForwarder.DEFAULT_FLUSH_DELAY);
        this.cloneDepth = cloneDepth;
    }

    /** The production wiring: built-in harnesses, GitHub and GitLab pull requests, shallow clones, 10 s grace. */
    public JobRunner(Clock clock) {
        this(
                clock,
                HarnessRegistry.builtIn(),
                new ProcessRunner(clock),
                new PromptBuilder(),
                new PayloadReader(Json.newMapper()),
                JobRunner::defaultPullRequests,
                DEFAULT_GRACE,
                1);
    }

    public static Optional<PullRequestService> defaultPullRequests(ScmProvider provider) {
        return switch (provider) {
            case GITHUB -> Optional.of(new GitHubPullRequests());
            case GITLAB -> Optional.of(new GitLabMergeRequests());
            case BITBUCKET, GIT -> Optional.empty();
        };
    }

    public HarnessRegistry harnesses() {
        return harnesses;
    }

    /** Runs one job to its end and reports its result; never throws for a failing job. */
    public JobResult run(JobPayload payload, RunContext context) {
        Instant started = clock.instant();
        Credentials credentials = Credentials.none();
        JobReporter reporter = new RedactingReporter(context.reporter(), redactor(credentials, context));
        Workspace workspace = null;
        JobResult result;
        try {
            payloads.validate(payload);
            AgentHarness harness = harnesses
                    .find(payload.agent().type())
                    .orElseThrow(() -> new RunFailure(
                            RunOutcome.CONFIG_INVALID,
                            "No harness for agent " + payload.agent().type().wire()));
            JobCredentials jobCredentials = JobCredentials.resolve(payload, harness, context);
            credentials = jobCredentials.all();
            JobReporter redacting = new RedactingReporter(context.reporter(), redactor(credentials, context));
            reporter = redacting;
            reporter.progress(
                    "initialize",
                    "Starting " + payload.kind().wire() + " job " + payload.jobId(),
                    Map.of("agent", harness.type().wire()));
            jobCredentials
                    .missing()
                    .forEach(
                            name -> redacting.log(LogLevel.WARN, "viberator", "Credential " + name + " was not found"));

            BinaryResolver binaries = new BinaryResolver(context.environment(), context.binaryOverrides());
            Path executable = payload.isSessionTurn()
                    ? acpExecutable(harness, binaries)
                    : binaries.resolve(harness)
                            .orElseThrow(() -> new RunFailure(
                                    RunOutcome.AGENT_NOT_INSTALLED,
                                    harness.type().displayName() + " is not installed: looked for "
                                            + binaries.describeLookup(harness)));

            workspace = Workspace.create(context.workRoot(), payload.jobId());
            result = runInWorkspace(
                    payload,
                    context,
                    harness,
                    executable,
                    jobCredentials,
                    workspace,
                    reporter,
                    redactor(credentials, context),
                    started);
        } catch (InvalidPayloadException e) {
            result = failure(RunOutcome.CONFIG_INVALID, e.getMessage(), started);
        } catch (RunFailure e) {
            result = failure(e.outcome(), e.getMessage(), started);
        } catch (GitOperationException e) {
            result = failure(GitOutcomes.of(e.kind()), e.getMessage(), started);
        } catch (IOException | RuntimeException e) {
            result = failure(RunOutcome.INTERNAL_ERROR, "Worker error: " + e, started);
        } finally {
            if (workspace != null && !context.keepWorkspace()) {
                try {
                    workspace.delete();
                } catch (RuntimeException e) {
                    reporter.log(
                            LogLevel.WARN, "viberator", "Could not remove " + workspace.dir() + ": " + e.getMessage());
                }
            }
        }
        // the caller may print or return the result (the CLI's --json): it gets the redacted form too
        result = RedactingReporter.redact(result, redactor(credentials, context));
        if (result.success()) {
            reporter.progress("complete", "Job completed: " + result.outcome().wire(), Map.of());
        } else {
            reporter.log(LogLevel.ERROR, "viberator", result.errorMessage());
            reporter.progress(
                    "failed",
                    "Job failed: " + result.outcome().wire(),
                    Map.of("outcome", result.outcome().wire()));
        }
        reporter.result(result);
        return result;
    }

    private JobResult runInWorkspace(
            JobPayload payload,
            RunContext context,
            AgentHarness harness,
            Path executable,
            JobCredentials credentials,
            Workspace workspace,
            JobReporter reporter,
            SecretRedactor redactor,
            Instant started)
            throws RunFailure, GitOperationException, IOException {
        JobKind mode = payload.isSessionTurn() ? payload.session().mode() : payload.kind();
        String branch = mode.changesCode() ? BranchNames.forPayload(payload, clock.instant()) : null;
        checkCancelled(context);
        reporter.progress(
                "clone",
                "Cloning " + payload.repository().url() + " at "
                        + payload.repository().baseBranch(),
                Map.of("repository", payload.repository().url()));
        String cloneUrl = credentials.scmToken().isPresent()
                ? RepositoryAddress.httpsForSsh(payload.repository().url())
                : payload.repository().url();
        try (GitRepository repository = GitRepository.cloneWorkBranch(
                cloneUrl,
                payload.repository().baseBranch(),
                branch,
                workspace.repo(),
                TokenCredentials.forToken(
                        payload.repository().provider(), credentials.scmToken().orElse(null)),
                cloneDepth)) {
            var instructions = workspace.writeInstructions(payload.instructionFiles(), harness, repository);
            if (!instructions.isEmpty()) {
                reporter.progress(
                        "instructions",
                        "Wrote " + instructions.size() + " instruction file(s)",
                        Map.of("count", instructions.size()));
            }
            checkCancelled(context);
            String prompt = prompts.build(payload, instructions);
            AgentRequest request = new AgentRequest(
                    // an ACP prompt travels over the pipe, so it never needs the too-long-argument detour
                    payload.isSessionTurn() ? prompt : workspace.promptArgument(prompt),
                    workspace.repo(),
                    workspace.dir(),
                    workspace.home(),
                    payload.agent().model(),
                    credentials.endpoint(),
                    credentials.apiKey(),
                    payload.agent().options());
            Duration limit = Duration.ofSeconds(payload.settings().timeLimitSeconds());
            if (payload.isSessionTurn()) {
                AcpTurnRunner.Turn turn = runSessionTurn(
                        payload, context, harness, executable, request, credentials, reporter, redactor, limit);
                return sessionResult(
                        payload,
                        mode,
                        turn,
                        context.cancellation().reason(),
                        workspace,
                        repository,
                        branch,
                        credentials,
                        reporter,
                        started);
            }
            reporter.progress(
                    "execute",
                    "Running " + harness.type().displayName(),
                    Map.of("agent", harness.type().wire(), "timeoutSeconds", limit.toSeconds()));
            AgentExecution.Outcome agent =
                    agents.run(harness, executable, request, credentials.forAgent(), context, reporter, limit);
            AgentVerdicts.check(harness, agent, limit);

            if (payload.kind().documentFile().isPresent()) {
                String file = payload.kind().documentFile().get();
                String document = workspace
                        .read(file)
                        .filter(d -> !d.isBlank())
                        .orElseThrow(() -> new RunFailure(
                                RunOutcome.DOCUMENT_MISSING, "The agent finished without writing " + file));
                return new JobResult(
                        true,
                        RunOutcome.SUCCEEDED,
                        null,
                        null,
                        null,
                        null,
                        document,
                        repository.changedPaths(),
                        elapsed(started),
                        agent.transcript().usage());
            }
            ChangeDelivery.Delivered delivered =
                    delivery.deliver(payload, workspace, repository, branch, credentials.scmToken(), reporter);
            return delivered.result(elapsed(started), agent.transcript().usage());
        }
    }

    /**
     * One ACP turn with its bookkeeping: the previous turn's conversation state unpacked into the scratch home first,
     * then the agent's session id reported and the new state uploaded, so the next turn (in a fresh worker) resumes.
     */
    private AcpTurnRunner.Turn runSessionTurn(
            JobPayload payload,
            RunContext context,
            AgentHarness harness,
            Path executable,
            AgentRequest request,
            JobCredentials credentials,
            JobReporter reporter,
            SecretRedactor redactor,
            Duration limit)
            throws IOException {
        SessionTurn session = payload.session();
        SessionChannel channel = context.sessions();
        List<String> stateDirectories = harness.acp().orElseThrow().stateDirectories();
        if (session.restoreState()) {
            reporter.progress("restore-state", "Restoring the conversation state", Map.of());
            SessionStates.restore(channel, request.homeDir(), reporter);
        }
        reporter.progress(
                "execute",
                "Running ACP agent turn",
                Map.of("agent", harness.type().wire(), "timeoutSeconds", limit.toSeconds()));
        AcpTurnRunner.Turn turn;
        ScheduledExecutorService heartbeat =
                AgentExecution.startHeartbeat(reporter, harness, context.heartbeatInterval());
        try {
            turn = acpTurns.run(
                    harness,
                    executable,
                    request,
                    session,
                    credentials.forAgent(),
                    context,
                    reporter,
                    channel,
                    redactor,
                    limit);
        } finally {
            heartbeat.shutdownNow();
        }
        if (turn.acpSessionId() != null && !channel.reportAcpSessionId(turn.acpSessionId())) {
            reporter.log(LogLevel.WARN, "viberator", "The platform did not take the agent's session id");
        }
        SessionStates.capture(channel, request.homeDir(), stateDirectories, reporter);
        return turn;
    }

    /** The ACP executable of a session turn's harness, or a clear failure when it has none or it is not installed. */
    private static Path acpExecutable(AgentHarness harness, BinaryResolver binaries) throws RunFailure {
        if (harness.acp().isEmpty()) {
            throw new RunFailure(
                    RunOutcome.CONFIG_INVALID,
                    harness.type().displayName() + " has no ACP mode, so it cannot run interactive session turns");
        }
        return binaries.resolveAcp(harness)
                .orElseThrow(() -> new RunFailure(
                        RunOutcome.AGENT_NOT_INSTALLED,
                        harness.type().displayName() + "'s ACP server is not installed: looked for "
                                + binaries.describeAcpLookup(harness)));
    }

    /**
     * The result of a session turn that ran: a failure for a dead, timed-out, cancelled or refusing agent; otherwise
     * the phase document if the agent wrote one (research, planning), or the pull request (execution, unless the turn
     * ended with a question or changed nothing: the session simply goes on).
     */
    private JobResult sessionResult(
            JobPayload payload,
            JobKind mode,
            AcpTurnRunner.Turn turn,
            Optional<String> cancelReason,
            Workspace workspace,
            GitRepository repository,
            String branch,
            JobCredentials credentials,
            JobReporter reporter,
            Instant started)
            throws RunFailure, GitOperationException, IOException {
        switch (turn.ending()) {
            case CANCELLED ->
                throw new RunFailure(
                        RunOutcome.CANCELLED, "Turn cancelled: " + cancelReason.orElse("the session turn was stopped"));
            case TIMED_OUT ->
                throw new RunFailure(
                        RunOutcome.TIMED_OUT,
                        "The agent turn did not finish within "
                                + payload.settings().timeLimitSeconds() + " s");
            case FAILED -> throw new RunFailure(RunOutcome.AGENT_FAILED, turn.error());
            case ANSWERED -> {
                // below
            }
        }
        if ("refusal".equals(turn.stopReason())) {
            throw new RunFailure(RunOutcome.AGENT_FAILED, "The agent refused to continue the turn");
        }
        if (!"end_turn".equals(turn.stopReason())) {
            reporter.log(
                    LogLevel.WARN,
                    "viberator",
                    "The agent stopped early (" + turn.stopReason() + "); the session can go on");
        }
        List<String> changed = repository.changedPaths();
        if (mode.documentFile().isPresent()) {
            String document = workspace
                    .read(mode.documentFile().get())
                    .filter(d -> !d.isBlank())
                    .orElse(null);
            return new JobResult(
                    true, RunOutcome.SUCCEEDED, null, null, null, null, document, changed, elapsed(started), null);
        }
        if (turn.needsInput() || changed.isEmpty()) {
            reporter.log(
                    LogLevel.INFO,
                    "viberator",
                    turn.needsInput()
                            ? "The agent asked a question; no commit this turn"
                            : "The turn changed no file; no commit this turn");
            return new JobResult(
                    true, RunOutcome.SUCCEEDED, null, null, null, null, null, changed, elapsed(started), null);
        }
        ChangeDelivery.Delivered delivered =
                delivery.deliver(payload, workspace, repository, branch, credentials.scmToken(), reporter);
        return delivered.result(elapsed(started), null);
    }

    private static void checkCancelled(RunContext context) throws RunFailure {
        if (context.cancellation().isCancelled()) {
            throw new RunFailure(
                    RunOutcome.CANCELLED,
                    "Run cancelled: " + context.cancellation().reason().orElse(""));
        }
    }

    private static SecretRedactor redactor(Credentials credentials, RunContext context) {
        return credentials
                .redactor()
                .withKnownValues(
                        context.extraSecrets().stream().map(SecretValue::reveal).toList());
    }

    private JobResult failure(RunOutcome outcome, String message, Instant started) {
        return JobResult.failure(outcome, message, elapsed(started));
    }

    private long elapsed(Instant started) {
        return Math.max(0, Duration.between(started, clock.instant()).toMillis());
    }
}
