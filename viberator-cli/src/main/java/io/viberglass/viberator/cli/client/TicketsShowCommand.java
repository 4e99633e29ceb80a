package io.viberglass.viberator.cli.client;

import io.viberglass.viberator.client.Ticket;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code viberator tickets show}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a ticket.")
public final class TicketsShowCommand implements Callable<Integer> {
    private final Connection connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TICKET", description = "Ticket id.")
    UUID ticketId;

    @Mixin
    ClientOptions options;

    public TicketsShowCommand(Connection connection) {
        this.connection = connection;
    }

    @Override
    public Integer call() {
        Output output =
                new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), options.json);
        Ticket ticket = connection.client().ticket(ticketId);
        if (output.json()) {
            output.json(ticket);
            return 0;
        }
        output.text(ticket.title());
        output.text("  id          " + ticket.id());
        output.text("  phase       " + ticket.workflowPhase());
        output.text("  status      " + ticket.status());
        output.text("  severity    " + ticket.severity());
        if (!ticket.labels().isEmpty()) {
            output.text("  labels      " + String.join(", ", ticket.labels()));
        }
        if (ticket.category() != null) {
            output.text("  category    " + ticket.category());
        }
        if (ticket.pullRequestUrl() != null) {
            output.text("  pull req.   " + ticket.pullRequestUrl());
        }
        output.text("  created     " + Dates.of(ticket.createdAt()));
        if (ticket.description() != null && !ticket.description().isBlank()) {
            output.text("");
            output.text(ticket.description().strip());
        }
        return 0;
    }
}
