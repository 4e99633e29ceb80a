package io.viberglass.viberator.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The command line a harness built for one run.
 *
 * @param argv executable path first, then the arguments; the prompt is one element, never shell-quoted
 * @param environment the harness's own variables (API key, base URL, model, telemetry switches); the runner adds
 *     {@code PATH}, {@code HOME} and {@code LANG} and nothing else of the worker's environment
 * @param workingDirectory the child's cwd
 * @param files config files to write before the start, keyed by absolute path (inside the scratch home or job dir)
 */
public record AgentCommand(
        List<String> argv, Map<String, String> environment, Path workingDirectory, Map<Path, String> files) {

    public AgentCommand {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        files = files == null ? Map.of() : Map.copyOf(files);
    }
}
