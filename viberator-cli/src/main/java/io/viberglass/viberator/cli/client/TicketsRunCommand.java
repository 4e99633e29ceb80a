package io.viberglass.viberator.cli.client;

import io.viberglass.viberator.cli.CliEnvironment;
import io.viberglass.viberator.cli.ExitCodes;
import io.viberglass.viberator.client.Job;
import io.viberglass.viberator.client.JobWaiter;
import io.viberglass.viberator.client.Phase;
import io.viberglass.viberator.client.PlatformException;
import io.viberglass.viberator.client.Sleeper;
import io.viberglass.viberator.client.Ticket;
import io.viberglass.viberator.client.ViberglassClient;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code viberator tickets run}: queues a research, planning or execution run and, with {@code --wait}, follows it to
 * its end; the exit code is the run's outcome.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Start a research, planning or execution run of a ticket; with --wait, wait for it and exit with "
                + "its outcome. A planning run moves a ticket still in research to planning first.")
public final class TicketsRunCommand implements Callable<Integer> {
    static final String CLANKER_VARIABLE = "VIBERGLASS_CLANKER";

    private final CliEnvironment environment;
    private final Connection connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TICKET", description = "Ticket id.")
    UUID ticketId;

    @Option(
            names = "--phase",
            required = true,
            paramLabel = "PHASE",
            converter = PhaseConverter.class,
            description = "research, planning or execution.")
    Phase phase;

    @Option(
            names = "--clanker",
            paramLabel = "SLUG|NAME|ID",
            description = "Agent runner to use (default: $VIBERGLASS_CLANKER, else the only active one).")
    String clanker;

    @Option(names = "--wait", description = "Wait for the run to end and exit with its outcome.")
    boolean await;

    @Mixin
    WaitOptions waiting;

    @Mixin
    ClientOptions options;

    public TicketsRunCommand(CliEnvironment environment, Connection connection) {
        this.environment = environment;
        this.connection = connection;
    }

    @Override
    public Integer call() throws InterruptedException {
        Output output =
                new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), options.json);
        ViberglassClient client = connection.client();
        UUID clankerId;
        try {
            clankerId = ClankerChoice.choose(client, clanker != null ? clanker : environment.get(CLANKER_VARIABLE));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Ticket ticket = client.ticket(ticketId);
        if (phase == Phase.PLANNING && "research".equals(ticket.workflowPhase())) {
            output.note("Moving the ticket from research to planning.");
            client.advance(ticketId, Phase.PLANNING);
        }
        UUID jobId = start(client, clankerId);
        Job queued = client.job(jobId);
        output.note("Queued " + phase.wire() + " run " + jobId + " of \"" + ticket.title() + "\".");
        if (!await) {
            return report(output, RunReport.queued(ticketId, phase, queued));
        }
        ProgressLine progress =
                new ProgressLine(output.err(), environment.terminal().interactive(), environment.clock());
        JobWaiter.Waited waited = new JobWaiter(client, environment.clock(), Sleeper.real(), waiting.pollInterval)
                .await(jobId, waiting.timeout, job -> progress.update(describe(job)));
        progress.done();
        RunReport report = RunReport.ended(ticketId, phase, waited.job(), waited.timedOut());
        if (!output.json()) {
            summarize(output, report, waited.job());
        }
        return report(output, report);
    }

    private UUID start(ViberglassClient client, UUID clankerId) {
        try {
            return client.startRun(ticketId, phase, clankerId);
        } catch (PlatformException.Rejected e) {
            if (ExitCodes.UNAPPROVED_PLAN.equals(e.code())) {
                throw new PlatformException.Rejected(
                        e.status(),
                        "The plan needs approval before execution: review it with 'viberator plan show " + ticketId
                                + "' and approve it with 'viberator plan approve " + ticketId + "'",
                        e.code());
            }
            throw e;
        }
    }

    private int report(Output output, RunReport report) {
        if (output.json()) {
            output.json(report);
        } else if (report.outcome().equals("queued")) {
            output.text(report.jobId().toString());
        }
        return report.exitCode();
    }

    private static String describe(Job job) {
        Job.Progress step = job.latestProgress();
        String detail = step == null ? "" : ": " + step.step() + (step.message() == null ? "" : " – " + step.message());
        return job.kind().wire() + " run " + job.status().wire() + detail;
    }

    private static void summarize(Output output, RunReport report, Job job) {
        switch (report.outcome()) {
            case "completed" ->
                output.text("Run " + job.id() + " completed"
                        + (job.pullRequestUrl() != null ? ": " + job.pullRequestUrl() : "."));
            case "timed_out" ->
                output.text("Still " + job.status().wire() + " after the --timeout; the run goes on: "
                        + "viberator logs --follow " + job.id());
            default ->
                output.text("Run " + job.id() + " " + job.status().wire()
                        + (job.failure() != null ? ": " + job.failure().summary() : "."));
        }
        if (report.nextStep() != null) {
            output.note("Next: " + report.nextStep());
        }
    }
}
