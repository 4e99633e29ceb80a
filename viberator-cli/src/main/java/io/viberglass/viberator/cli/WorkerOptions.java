package io.viberglass.viberator.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the worker works and finds its tools and secrets; shared by {@code run}, {@code job} and {@code doctor}. */
final class WorkerOptions {
    @Option(
            names = "--agent-bin",
            paramLabel = "AGENT=PATH",
            description = "Use this executable for an agent, e.g. claude-code=/opt/claude/bin/claude. Wins over "
                    + "$VIBERATOR_<AGENT>_BIN and PATH. Repeatable.")
    Map<String, Path> agentBinaries = new LinkedHashMap<>();

    @Option(
            names = "--work-dir",
            paramLabel = "DIR",
            description = "Directory for job work trees (default: $WORK_DIR, else <tmp>/viberator-work).")
    Path workDir;

    @Option(
            names = "--secrets-dir",
            paramLabel = "DIR",
            description =
                    "Directory with one file per credential (default: $VIBERATOR_SECRETS_DIR, else /run/secrets).")
    Path secretsDir;

    @Option(
            names = "--heartbeat-interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How often to send a heartbeat while the agent runs (default: 30s).")
    Duration heartbeatInterval;

    @Option(names = "--keep-workspace", description = "Leave the job's work tree on disk after the run, for debugging.")
    boolean keepWorkspace;

    Path workDir(CliEnvironment environment) {
        if (workDir != null) {
            return workDir;
        }
        String fromEnv = environment.get("WORK_DIR");
        return fromEnv == null || fromEnv.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "viberator-work")
                : Path.of(fromEnv);
    }

    Path secretsDir(CliEnvironment environment) {
        if (secretsDir != null) {
            return secretsDir;
        }
        String fromEnv = environment.get("VIBERATOR_SECRETS_DIR");
        return fromEnv == null || fromEnv.isBlank()
                ? io.viberglass.viberator.credentials.CredentialResolver.DEFAULT_SECRETS_DIR
                : Path.of(fromEnv);
    }
}
