package io.viberglass.viberator.cli;

import io.viberglass.viberator.cli.client.Output;
import io.viberglass.viberator.client.PlatformException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Exceptions print one line instead of a stack trace, unless {@code -v} was given. The platform's refusals map to
 * their documented exit codes; with {@code --json} the error is also a JSON document on standard output, so a
 * pipeline that parses the output always gets JSON.
 */
final class ErrorMessageHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception error, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        int code = error instanceof PlatformException platform ? ExitCodes.of(platform) : ExitCodes.INTERNAL_ERROR;
        if (matched(parseResult, "-v")) {
            error.printStackTrace(commandLine.getErr());
        } else {
            commandLine.getErr().println("viberator: " + error.getMessage());
        }
        commandLine.getErr().flush();
        if (matched(parseResult, "--json")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("message", error.getMessage());
            body.put("code", error instanceof PlatformException platform ? platform.code() : null);
            body.put("exitCode", code);
            commandLine.getOut().println(Output.asJson(Map.of("error", body)));
            commandLine.getOut().flush();
        }
        return code;
    }

    /** Whether the option was given to the root command or any subcommand on the way to the one that ran. */
    private static boolean matched(CommandLine.ParseResult parseResult, String option) {
        for (CommandLine.ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption(option)) {
                return true;
            }
        }
        return false;
    }
}
