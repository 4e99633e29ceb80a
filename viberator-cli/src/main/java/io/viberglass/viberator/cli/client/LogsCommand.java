package io.viberglass.viberator.cli.client;

import io.viberglass.viberator.cli.ExitCodes;
import io.viberglass.viberator.client.Job;
import io.viberglass.viberator.client.LogFollower;
import io.viberglass.viberator.client.LogLine;
import io.viberglass.viberator.client.Sleeper;
import io.viberglass.viberator.client.ViberglassClient;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code viberator logs}: a run's log, printed once or followed live until the run ends. */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        description = "Print a run's log. With --follow, print lines as they arrive until the run ends, then exit with "
                + "its outcome. With --json, one JSON object per line (JSON Lines).")
public final class LogsCommand implements Callable<Integer> {
    private final Connection connection;

    @Parameters(index = "0", paramLabel = "RUN", description = "Run (job) id.")
    UUID jobId;

    @Option(
            names = {"-f", "--follow"},
            description = "Keep printing new lines until the run ends.")
    boolean follow;

    @Option(
            names = "--poll-interval",
            paramLabel = "DURATION",
            defaultValue = "1s",
            converter = io.viberglass.viberator.cli.DurationConverter.class,
            description = "How often to ask for new lines while following (default 1s).")
    java.time.Duration pollInterval;

    @Mixin
    ClientOptions options;

    public LogsCommand(Connection connection) {
        this.connection = connection;
    }

    @Override
    public Integer call() throws InterruptedException {
        Output output = options.output();
        ViberglassClient client = connection.client();
        LogFollower logs = new LogFollower(client, Sleeper.real(), pollInterval);
        Consumer<LogLine> sink = output.json() ? line -> jsonLine(output, line) : line -> textLine(output, line);
        if (!follow) {
            logs.printAll(jobId, 0, sink);
            return 0;
        }
        Job ended = logs.follow(jobId, 0, sink);
        output.note("Run " + ended.id() + " " + ended.status().wire()
                + (ended.failure() != null ? ": " + ended.failure().summary() : "."));
        return ExitCodes.of(ended);
    }

    private static void textLine(Output output, LogLine line) {
        output.out()
                .println(Dates.time(line.loggedAt()) + " " + String.format("%-5s", line.level()) + " "
                        + (line.source() == null ? "" : "[" + line.source() + "] ") + line.message());
        output.out().flush();
    }

    private static void jsonLine(Output output, LogLine line) {
        output.out().println(Output.asCompactJson(line));
        output.out().flush();
    }
}
