package io.viberglass.viberator.cli;

import picocli.CommandLine.Option;

/** Output flags shared by the commands that run jobs. */
final class OutputOptions {
    @Option(
            names = "--json",
            description = "Print the job result as JSON on standard output (for CI); progress still goes to stderr.")
    boolean json;

    @Option(
            names = {"-v", "--verbose"},
            description = "Show every log line and full stack traces of unexpected errors.")
    boolean verbose;
}
