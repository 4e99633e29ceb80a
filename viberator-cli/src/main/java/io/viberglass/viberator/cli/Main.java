package io.viberglass.viberator.cli;

import io.viberglass.viberator.JobRunner;
import io.viberglass.viberator.egress.EnvironmentProxySelector;
import java.net.ProxySelector;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;

/** The {@code viberator} executable: the only place that touches {@code System.getenv} and {@code System.exit}. */
public final class Main {
    /** Held so the level sticks: JUL keeps loggers weakly. Hibernate Validator announces itself at INFO on stderr. */
    private static final Logger VALIDATOR_LOG = Logger.getLogger("org.hibernate.validator");

    private Main() {}

    public static void main(String[] args) {
        VALIDATOR_LOG.setLevel(Level.WARNING);
        Clock clock = Clock.systemUTC();
        // the JDK ignores HTTPS_PROXY and friends; the egress sidecar is reached only through them
        EnvironmentProxySelector.from(System.getenv()).ifPresent(ProxySelector::setDefault);
        CliEnvironment environment = new CliEnvironment(
                System.getenv(),
                clock,
                () -> new JobRunner(clock),
                CliEnvironment.ShutdownHooks.jvm(),
                new CliEnvironment.Terminal(System.in, System.console() != null));
        System.exit(commandLine(environment).execute(args));
    }

    /** The configured command tree; tests call {@code execute} on it with their own environment and writers. */
    public static CommandLine commandLine(CliEnvironment environment) {
        CommandLine commandLine = new CommandLine(new ViberatorCommand(), new CliFactory(environment));
        commandLine.setExecutionExceptionHandler(new ErrorMessageHandler());
        commandLine.setExitCodeExceptionMapper(
                error -> error instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.INTERNAL_ERROR);
        return commandLine;
    }
}
