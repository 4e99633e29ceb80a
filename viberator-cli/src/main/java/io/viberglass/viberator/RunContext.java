package io.viberglass.viberator;

import io.viberglass.common.security.SecretValue;
import io.viberglass.viberator.credentials.CredentialResolver;
import io.viberglass.viberator.process.Cancellation;
import io.viberglass.viberator.report.JobReporter;
import io.viberglass.viberator.session.SessionChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything about one run that does not come from the payload: where to work, the worker's environment, where
 * secrets come from, where to report, and how to stop. The CLI, the Docker entrypoint and the Lambda handler each build
 * one per job.
 *
 * @param workRoot directory under which the job's work tree and scratch home are created (and removed afterwards)
 * @param environment the worker's environment: {@code PATH}, {@code LANG}, {@code VIBERATOR_*_BIN} overrides and
 *     credentials that are not mounted as files. Only an allow-list of it reaches the agent.
 * @param credentials resolves credential names (secrets directory, then {@code environment})
 * @param binaryOverrides explicit agent executables by agent wire id; win over {@code VIBERATOR_*_BIN} and PATH
 * @param reporter where progress, logs and the result go; the runner wraps it in redaction
 * @param cancellation stops the run (platform cancel, SIGTERM)
 * @param extraSecrets values to scrub from every output besides the job's credentials (the callback token)
 * @param heartbeatInterval how often a {@code heartbeat} progress is sent while the agent runs
 * @param agentEnvironmentPassthrough names of worker environment variables handed to the agent unchanged (proxies,
 *     CA bundles, test switches); empty by default
 * @param keepWorkspace leave the work tree on disk after the run (debugging)
 * @param sessions where a session turn's events, permission requests and conversation state go; {@link
 *     SessionChannel#none()} for standalone runs
 */
public record RunContext(
        Path workRoot,
        Map<String, String> environment,
        CredentialResolver credentials,
        Map<String, Path> binaryOverrides,
        JobReporter reporter,
        Cancellation cancellation,
        List<SecretValue> extraSecrets,
        Duration heartbeatInterval,
        List<String> agentEnvironmentPassthrough,
        boolean keepWorkspace,
        SessionChannel sessions) {

    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);

    public RunContext {
        environment = Map.copyOf(environment);
        binaryOverrides = Map.copyOf(binaryOverrides);
        extraSecrets = List.copyOf(extraSecrets);
        agentEnvironmentPassthrough = List.copyOf(agentEnvironmentPassthrough);
        sessions = sessions == null ? SessionChannel.none() : sessions;
    }

    /**
     * A context with defaults: secrets from {@code /run/secrets} (or {@code VIBERATOR_SECRETS_DIR}) and the
     * environment, no binary overrides, 30 s heartbeats, passthrough from {@code VIBERATOR_AGENT_ENV_PASSTHROUGH}.
     */
    public static RunContext of(Path workRoot, Map<String, String> environment, JobReporter reporter) {
        String secretsDir = environment.get("VIBERATOR_SECRETS_DIR");
        Path secrets = secretsDir == null || secretsDir.isBlank()
                ? CredentialResolver.DEFAULT_SECRETS_DIR
                : Path.of(secretsDir);
        return new RunContext(
                workRoot,
                environment,
                new CredentialResolver(secrets, environment),
                Map.of(),
                reporter,
                new Cancellation(),
                List.of(),
                DEFAULT_HEARTBEAT,
                passthroughFrom(environment),
                false,
                SessionChannel.none());
    }

    public RunContext withReporter(JobReporter newReporter) {
        return new RunContext(
                workRoot,
                environment,
                credentials,
                binaryOverrides,
                newReporter,
                cancellation,
                extraSecrets,
                heartbeatInterval,
                agentEnvironmentPassthrough,
                keepWorkspace,
                sessions);
    }

    public RunContext withCancellation(Cancellation newCancellation) {
        return new RunContext(
                workRoot,
                environment,
                credentials,
                binaryOverrides,
                reporter,
                newCancellation,
                extraSecrets,
                heartbeatInterval,
                agentEnvironmentPassthrough,
                keepWorkspace,
                sessions);
    }

    public RunContext withBinaryOverrides(Map<String, Path> overrides) {
        return new RunContext(
                workRoot,
                environment,
                credentials,
                overrides,
                reporter,
                cancellation,
                extraSecrets,
                heartbeatInterval,
                agentEnvironmentPassthrough,
                keepWorkspace,
                sessions);
    }

    public RunContext withExtraSecrets(List<SecretValue> secrets) {
        return new RunContext(
                workRoot,
                environment,
                credentials,
                binaryOverrides,
                reporter,
                cancellation,
                secrets,
                heartbeatInterval,
                agentEnvironmentPassthrough,
                keepWorkspace,
                sessions);
    }

    public RunContext withHeartbeatInterval(Duration interval) {
        return new RunContext(
                workRoot,
                environment,
                credentials,
                binaryOverrides,
                reporter,
                cancellation,
                extraSecrets,
                interval,
                agentEnvironmentPassthrough,
                keepWorkspace,
                sessions);
    }

    public RunContext withKeepWorkspace(boolean keep) {
        return new RunContext(
                workRoot,
                environment,
                credentials,
                binaryOverrides,
                reporter,
                cancellation,
                extraSecrets,
                heartbeatInterval,
                agentEnvironmentPassthrough,
                keep,
                sessions);
    }

    public RunContext withCredentials(CredentialResolver resolver) {
        return new RunContext(
                workRoot,
                environment,
                resolver,
                binaryOverrides,
                reporter,
                cancellation,
                extraSecrets,
                heartbeatInterval,
                agentEnvironmentPassthrough,
                keepWorkspace,
                sessions);
    }

    public RunContext withSessions(SessionChannel channel) {
        return new RunContext(
                workRoot,
                environment,
                credentials,
                binaryOverrides,
                reporter,
                cancellation,
                extraSecrets,
                heartbeatInterval,
                agentEnvironmentPassthrough,
                keepWorkspace,
                channel);
    }

    static List<String> passthroughFrom(Map<String, String> environment) {
        String names = environment.getOrDefault("VIBERATOR_AGENT_ENV_PASSTHROUGH", "");
        return java.util.Arrays.stream(names.split("[,\\s]+"))
                .filter(n -> !n.isBlank())
                .toList();
    }
}
