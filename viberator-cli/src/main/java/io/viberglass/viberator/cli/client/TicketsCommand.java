package io.viberglass.viberator.cli.client;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code viberator tickets}: create, list, show and run tickets. */
@Command(
        name = "tickets",
        mixinStandardHelpOptions = true,
        description = "Create, list, show and run tickets.",
        subcommands = {
            TicketsCreateCommand.class,
            TicketsListCommand.class,
            TicketsShowCommand.class,
            TicketsRunCommand.class
        })
public final class TicketsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
