package io.viberglass.viberator.cli.client;

import io.viberglass.viberator.cli.CliEnvironment;
import io.viberglass.viberator.client.Phase;
import io.viberglass.viberator.client.PhaseState;
import io.viberglass.viberator.client.PlatformException;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code viberator plan show}: the plan rendered for the terminal. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Show a ticket's plan, rendered for the terminal.")
public final class PlanShowCommand implements Callable<Integer> {
    private final CliEnvironment environment;
    private final Connection connection;

    @Parameters(index = "0", paramLabel = "TICKET", description = "Ticket id.")
    UUID ticketId;

    @Option(names = "--raw", description = "Print the Markdown source instead of rendering it.")
    boolean raw;

    @Mixin
    ClientOptions options;

    public PlanShowCommand(CliEnvironment environment, Connection connection) {
        this.environment = environment;
        this.connection = connection;
    }

    @Override
    public Integer call() {
        Output output = options.output();
        PhaseState plan = connection.client().phase(ticketId, Phase.PLANNING);
        if (output.json()) {
            output.json(plan);
            return 0;
        }
        PhaseState.Document document = plan.document();
        if (document == null || document.isEmpty()) {
            throw new PlatformException.NotFound(
                    "Ticket " + ticketId + " has no plan yet: viberator tickets run " + ticketId
                            + " --phase planning --wait",
                    "DOCUMENT_MISSING");
        }
        output.note("Plan of ticket " + ticketId + ", revision " + document.revision() + ", "
                + document.approvalState().replace('_', ' ')
                + (document.isApproved() ? "" : " (approve: viberator plan approve " + ticketId + ")"));
        boolean colour = environment.terminal().interactive() && environment.get("NO_COLOR") == null;
        output.out().print(raw ? document.content() : new MarkdownRenderer(colour).render(document.content()));
        output.out().flush();
        return 0;
    }
}
