package io.viberglass.viberator.cli.client;

import picocli.CommandLine.Option;

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
}
