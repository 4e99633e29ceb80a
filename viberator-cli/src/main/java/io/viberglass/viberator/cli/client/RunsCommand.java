package io.viberglass.viberator.cli.client;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code viberator runs}: the platform's runs (jobs). */
@Command(
        name = "runs",
        mixinStandardHelpOptions = true,
        description = "List, inspect and cancel runs.",
        subcommands = {RunsListCommand.class, RunsShowCommand.class, RunsCancelCommand.class})
public final class RunsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
