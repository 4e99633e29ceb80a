package io.viberglass.viberator.cli;

import picocli.CommandLine;

/** Unexpected exceptions print one line instead of a stack trace, unless {@code -v} was given. */
final class ErrorMessageHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception error, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        boolean verbose = parseResult.subcommands().stream().anyMatch(sub -> sub.hasMatchedOption("-v"))
                || parseResult.hasMatchedOption("-v");
        if (verbose) {
            error.printStackTrace(commandLine.getErr());
        } else {
            commandLine.getErr().println("viberator: " + error.getMessage());
        }
        commandLine.getErr().flush();
        return ExitCodes.INTERNAL_ERROR;
    }
}
