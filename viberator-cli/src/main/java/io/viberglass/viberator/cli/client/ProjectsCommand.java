package io.viberglass.viberator.cli.client;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code viberator projects}: the projects the token can see. */
@Command(
        name = "projects",
        mixinStandardHelpOptions = true,
        description = "Projects on the platform.",
        subcommands = {ProjectsListCommand.class})
public final class ProjectsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
