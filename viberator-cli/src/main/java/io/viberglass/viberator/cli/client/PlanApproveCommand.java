package io.viberglass.viberator.cli.client;

import io.viberglass.viberator.client.Phase;
import io.viberglass.viberator.client.PhaseState;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code viberator plan approve}: approves the plan, which moves the ticket on to execution. */
@Command(
        name = "approve",
        mixinStandardHelpOptions = true,
        description = "Approve a ticket's plan; the ticket moves on to execution.")
public final class PlanApproveCommand implements Callable<Integer> {
    private final Connection connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TICKET", description = "Ticket id.")
    UUID ticketId;

    @Mixin
    ClientOptions options;

    public PlanApproveCommand(Connection connection) {
        this.connection = connection;
    }

    @Override
    public Integer call() {
        Output output =
                new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), options.json);
        PhaseState.Document approved = connection.client().approve(ticketId, Phase.PLANNING);
        if (output.json()) {
            output.json(approved);
        } else {
            output.text("Approved revision " + approved.revision() + " of the plan of ticket " + ticketId + ".");
            output.note("Next: viberator tickets run " + ticketId + " --phase execution --wait");
        }
        return 0;
    }
}
