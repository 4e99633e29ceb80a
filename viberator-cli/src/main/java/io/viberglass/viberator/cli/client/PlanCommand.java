package io.viberglass.viberator.cli.client;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code viberator plan}: read and approve a ticket's plan. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = "Read and approve a ticket's plan (PLAN.md from the planning run).",
        subcommands = {PlanShowCommand.class, PlanApproveCommand.class})
public final class PlanCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
