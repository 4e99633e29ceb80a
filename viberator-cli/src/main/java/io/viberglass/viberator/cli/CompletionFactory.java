package io.viberglass.viberator.cli;

import io.viberglass.viberator.JobRunner;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/**
 * The command factory picocli's {@code AutoComplete} uses at build time to walk the command tree and write the
 * completion script ({@code target/viberator_completion}); nothing runs, so the environment is empty.
 */
public final class CompletionFactory implements CommandLine.IFactory {
    private final CliFactory delegate;

    public CompletionFactory() {
        Clock clock = Clock.systemUTC();
        this.delegate = new CliFactory(
                new CliEnvironment(Map.of(), clock, () -> new JobRunner(clock), CliEnvironment.ShutdownHooks.none()));
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        return delegate.create(type);
    }
}
