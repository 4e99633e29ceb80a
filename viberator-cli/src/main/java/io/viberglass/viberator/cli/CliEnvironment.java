package io.viberglass.viberator.cli;

import io.viberglass.viberator.JobRunner;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the commands get from the outside world, injected through picocli's factory so tests can replace it: the
 * process environment, the clock, the job runner (built lazily: {@code --help} must not pay for it) and how to hook
 * into JVM shutdown (SIGTERM), and the terminal (standard input, TTY or not).
 */
public record CliEnvironment(
        Map<String, String> variables,
        Clock clock,
        Supplier<JobRunner> runner,
        ShutdownHooks shutdownHooks,
        Terminal terminal) {

    public CliEnvironment {
        variables = Map.copyOf(variables);
    }

    /** Without a terminal: empty standard input, not interactive. */
    public CliEnvironment(
            Map<String, String> variables, Clock clock, Supplier<JobRunner> runner, ShutdownHooks shutdownHooks) {
        this(variables, clock, runner, shutdownHooks, Terminal.none());
    }

    /** Standard input, and whether a person is watching (a TTY: spinners and prompts only then). */
    public record Terminal(InputStream in, boolean interactive) {
        public static Terminal none() {
            return new Terminal(InputStream.nullInputStream(), false);
        }
    }

    /** Registers code to run when the JVM is asked to stop; returns a handle that unregisters it. */
    @FunctionalInterface
    public interface ShutdownHooks {
        Runnable register(Runnable hook);

        /** The real JVM shutdown hooks: SIGTERM, SIGINT and System.exit run them. */
        static ShutdownHooks jvm() {
            return hook -> {
                Thread thread = new Thread(hook, "viberator-shutdown");
                Runtime.getRuntime().addShutdownHook(thread);
                return () -> {
                    try {
                        Runtime.getRuntime().removeShutdownHook(thread);
                    } catch (IllegalStateException e) {
                        // already shutting down: the hook is running or has run
                    }
                };
            };
        }

        /** No hooks, for in-process tests. */
        static ShutdownHooks none() {
            return hook -> () -> {};
        }
    }

    public String get(String name) {
        return variables.get(name);
    }
}
