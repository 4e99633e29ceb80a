package io.viberglass.viberator.cli.client;

import io.viberglass.viberator.client.Page;
import io.viberglass.viberator.client.Ticket;
import io.viberglass.viberator.client.TicketFilter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code viberator tickets list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List tickets, newest first.")
public final class TicketsListCommand implements Callable<Integer> {
    private final Connection connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-p", "--project"},
            paramLabel = "SLUG|ID",
            description = "Only this project's tickets.")
    String project;

    @Option(
            names = "--status",
            paramLabel = "STATUS",
            description = "open, in_progress, in_review or resolved (comma-separated for several).")
    String status;

    @Option(
            names = "--phase",
            paramLabel = "PHASE",
            description = "research, planning or execution (comma-separated for several).")
    String phase;

    @Option(names = "--search", paramLabel = "TEXT", description = "Words in the title or description.")
    String search;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "50",
            description = "How many to show (1-200, default 50).")
    int limit;

    @Mixin
    ClientOptions options;

    public TicketsListCommand(Connection connection) {
        this.connection = connection;
    }

    /** {@code tickets list --json}. */
    public record Listing(List<Ticket> tickets, long total) {}

    @Override
    public Integer call() {
        Output output =
                new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), options.json);
        Page<Ticket> tickets = connection.client().tickets(new TicketFilter(project, status, phase, search, limit));
        if (output.json()) {
            output.json(new Listing(tickets.data(), tickets.total()));
            return 0;
        }
        TextTable table = TextTable.of("ID", 36, "PHASE", 9, "STATUS", 11, "SEVERITY", 8, "TITLE", 60, "UPDATED", 16);
        tickets.data()
                .forEach(ticket -> table.row(
                        ticket.id(),
                        ticket.workflowPhase(),
                        ticket.status(),
                        ticket.severity(),
                        ticket.title(),
                        Dates.of(ticket.updatedAt())));
        table.print(output.out());
        if (tickets.total() > tickets.data().size()) {
            output.note(tickets.data().size() + " of " + tickets.total() + " tickets; use --limit for more.");
        }
        return 0;
    }
}
