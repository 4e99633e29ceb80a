package io.viberglass.viberator.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One child process to run.
 *
 * @param argv the executable and its arguments; never passed through a shell
 * @param workingDirectory the child's cwd
 * @param environment the child's complete environment: nothing of the worker's own environment leaks in
 * @param timeout hard limit; after it the whole process tree gets SIGTERM, then SIGKILL after {@code grace}
 * @param grace how long a process tree may take to exit after SIGTERM
 */
public record ProcessSpec(
        List<String> argv, Path workingDirectory, Map<String, String> environment, Duration timeout, Duration grace) {

    public ProcessSpec {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must name an executable");
        }
    }
}
