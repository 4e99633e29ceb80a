package io.viberglass.viberator.cli.client;

import io.viberglass.viberator.client.Job;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code viberator runs cancel}: stops a queued or running run. */
@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a queued or running run.")
public final class RunsCancelCommand implements Callable<Integer> {
    private final Connection connection;

    @Parameters(index = "0", paramLabel = "RUN", description = "Run (job) id.")
    UUID jobId;

    @Mixin
    ClientOptions options;

    public RunsCancelCommand(Connection connection) {
        this.connection = connection;
    }

    @Override
    public Integer call() {
        Output output = options.output();
        Job job = connection.client().cancel(jobId);
        if (output.json()) {
            output.json(job);
        } else {
            output.text("Run " + job.id() + " is " + job.status().wire() + ".");
        }
        return 0;
    }
}
