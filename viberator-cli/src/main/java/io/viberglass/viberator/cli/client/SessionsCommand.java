package io.viberglass.viberator.cli.client;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code viberator sessions}: interactive agent sessions. */
@Command(
        name = "sessions",
        mixinStandardHelpOptions = true,
        description = "Follow interactive agent sessions.",
        subcommands = {SessionsFollowCommand.class})
public final class SessionsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
