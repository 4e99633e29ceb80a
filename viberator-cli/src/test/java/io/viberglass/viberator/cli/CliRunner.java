package io.viberglass.viberator.cli;

import io.viberglass.viberator.JobRunner;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs the real command tree in-process with a chosen environment and captures what it prints. */
final class CliRunner {
    record Run(int exitCode, String out, String err) {}

    private final Map<String, String> environment = new HashMap<>();
    private String stdin = "";

    CliRunner() {
        environment.put("PATH", System.getenv("PATH"));
        environment.put("LANG", "C.UTF-8");
    }

    CliRunner env(Map<String, String> values) {
        environment.putAll(values);
        return this;
    }

    CliRunner env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Standard input of the command (not a terminal). */
    CliRunner stdin(String text) {
        this.stdin = text;
        return this;
    }

    Run execute(String... args) {
        Clock clock = Clock.systemUTC();
        CliEnvironment cli = new CliEnvironment(
                environment,
                clock,
                () -> new JobRunner(clock),
                CliEnvironment.ShutdownHooks.none(),
                new CliEnvironment.Terminal(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false));
        CommandLine commandLine = Main.commandLine(cli);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
