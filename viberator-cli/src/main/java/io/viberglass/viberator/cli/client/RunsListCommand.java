package io.viberglass.viberator.cli.client;

import io.viberglass.viberator.client.Job;
import io.viberglass.viberator.client.JobFilter;
import io.viberglass.viberator.client.Page;
import io.viberglass.viberator.client.ViberglassClient;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code viberator runs list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List runs, newest first.")
public final class RunsListCommand implements Callable<Integer> {
    private final Connection connection;

    @Option(names = "--ticket", paramLabel = "TICKET", description = "Only this ticket's runs.")
    UUID ticketId;

    @Option(
            names = {"-p", "--project"},
            paramLabel = "SLUG|ID",
            description = "Only this project's runs.")
    String project;

    @Option(
            names = "--status",
            paramLabel = "STATUS",
            description = "queued, active, completed, failed or cancelled (comma-separated for several).")
    String status;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "How many to show (1-200, default 20).")
    int limit;

    @Mixin
    ClientOptions options;

    public RunsListCommand(Connection connection) {
        this.connection = connection;
    }

    /** {@code runs list --json}. */
    public record Listing(List<Job> runs, long total) {}

    @Override
    public Integer call() {
        Output output = options.output();
        ViberglassClient client = connection.client();
        UUID projectId = project == null ? null : client.project(project).id();
        Page<Job> runs = client.jobs(new JobFilter(projectId, ticketId, status, limit));
        if (output.json()) {
            output.json(new Listing(runs.data(), runs.total()));
            return 0;
        }
        TextTable table = TextTable.of("ID", 36, "KIND", 9, "STATUS", 9, "TICKET", 36, "CREATED", 16, "RESULT", 60);
        runs.data()
                .forEach(job -> table.row(
                        job.id(),
                        job.kind().wire(),
                        job.status().wire(),
                        job.ticketId(),
                        Dates.of(job.createdAt()),
                        job.pullRequestUrl() != null
                                ? job.pullRequestUrl()
                                : job.failure() != null ? job.failure().code() : null));
        table.print(output.out());
        return 0;
    }
}
