package io.viberglass.viberator.cli;

import io.viberglass.viberator.agent.AgentHarness;
import io.viberglass.viberator.process.Cancellation;
import io.viberglass.viberator.process.LineSink;
import io.viberglass.viberator.process.ProcessResult;
import io.viberglass.viberator.process.ProcessRunner;
import io.viberglass.viberator.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Asks an installed agent CLI for its version, with a short time limit and a minimal environment. */
final class AgentProbe {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private AgentProbe() {}

    static String version(AgentHarness harness, Path executable, Map<String, String> environment, Clock clock) {
        List<String> argv = new ArrayList<>();
        argv.add(executable.toString());
        argv.addAll(harness.versionArguments());
        Map<String, String> env = new HashMap<>();
        for (String name : List.of("PATH", "HOME", "LANG")) {
            if (environment.get(name) != null) {
                env.put(name, environment.get(name));
            }
        }
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        LineSink sink = (stream, line) -> {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        };
        try {
            ProcessResult result = new ProcessRunner(clock)
                    .run(
                            new ProcessSpec(
                                    argv,
                                    Path.of(System.getProperty("java.io.tmpdir")),
                                    env,
                                    LIMIT,
                                    Duration.ofSeconds(1)),
                            sink,
                            new Cancellation());
            if (!result.exitedCleanly()) {
                return "unknown (exit " + result.exitCode() + ")";
            }
            return lines.isEmpty() ? "unknown" : lines.get(0);
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
