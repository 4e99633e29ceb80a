package io.viberglass.viberator.cli.client;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Flags every platform-client command has. */
public final class ClientOptions {
    @Option(
            names = "--json",
            description = "Print the result as JSON on standard output (schemas in docs/cli.md); messages and "
                    + "progress go to standard error.")
    boolean json;

    @Option(
            names = {"-v", "--verbose"},
            description = "Show stack traces of unexpected errors.")
    boolean verbose;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Where the command prints: its own standard output and error, as JSON with {@code --json}. */
    Output output() {
        return new Output(command.commandLine().getOut(), command.commandLine().getErr(), json);
    }
}
