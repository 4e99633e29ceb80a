package io.viberglass.viberator.cli.client;

import io.viberglass.viberator.cli.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How long and how often the client polls a run. */
public final class WaitOptions {
    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "60m",
            converter = DurationConverter.class,
            description = "Give up waiting after this long, e.g. 30m (default 60m; exit code 6). The run goes on.")
    Duration timeout;

    @Option(
            names = "--poll-interval",
            paramLabel = "DURATION",
            defaultValue = "2s",
            converter = DurationConverter.class,
            description = "How often to ask the platform (default 2s).")
    Duration pollInterval;
}
