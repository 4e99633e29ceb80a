package io.viberglass.viberator.cli.client;

import io.viberglass.viberator.cli.ExitCodes;
import io.viberglass.viberator.client.Job;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code viberator runs show}: a run with its progress; the exit code is its outcome so far. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Show a run and its progress. Exits with the run's outcome: 0 completed or still going, "
                + "14 failed, 6 timed out, 7 cancelled.")
public final class RunsShowCommand implements Callable<Integer> {
    private final Connection connection;

    @Parameters(index = "0", paramLabel = "RUN", description = "Run (job) id.")
    UUID jobId;

    @Mixin
    ClientOptions options;

    public RunsShowCommand(Connection connection) {
        this.connection = connection;
    }

    @Override
    public Integer call() {
        Output output = options.output();
        Job job = connection.client().job(jobId);
        if (output.json()) {
            output.json(job);
            return ExitCodes.of(job);
        }
        output.text(job.kind().wire() + " run " + job.id());
        output.text(
                "  status      " + job.status().wire() + (job.attempt() > 1 ? " (attempt " + job.attempt() + ")" : ""));
        output.text("  ticket      " + (job.ticketId() == null ? "-" : job.ticketId()));
        output.text("  created     " + Dates.of(job.createdAt()));
        output.text("  started     " + Dates.of(job.startedAt()));
        output.text("  finished    " + Dates.of(job.finishedAt()));
        if (job.branch() != null) {
            output.text("  branch      " + job.branch());
        }
        if (job.pullRequestUrl() != null) {
            output.text("  pull req.   " + job.pullRequestUrl());
        }
        if (job.failure() != null) {
            output.text("  failure     " + job.failure().code() + ": "
                    + job.failure().summary());
        }
        List<Job.Progress> steps = new ArrayList<>(job.progress() == null ? List.of() : job.progress());
        Collections.reverse(steps);
        if (!steps.isEmpty()) {
            output.text("");
            steps.forEach(step -> output.text("  " + Dates.time(step.createdAt()) + "  " + step.step()
                    + (step.message() == null ? "" : "  " + step.message())));
        }
        return ExitCodes.of(job);
    }
}
