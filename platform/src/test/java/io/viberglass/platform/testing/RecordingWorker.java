package io.viberglass.platform.testing;

import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * A stand-in for {@code viberator job} started by the real local invoker: it records the environment the platform
 * gave it (job id, callback token, tenant, callback URL, the secrets directory's files) and exits, so a test can act
 * as the worker over HTTP with exactly what a real worker would have.
 */
public final class RecordingWorker {
    private final Path directory;
    private final Path record;

    public RecordingWorker() {
        try {
            directory = Files.createTempDirectory("vg-recording-worker-");
            record = directory.resolve("invocations.txt");
            Files.createFile(record);
            Path script = directory.resolve("worker.sh");
            Files.writeString(
                    script,
                    """
                    #!/bin/bash
                    secrets=$(ls "$VIBERATOR_SECRETS_DIR" 2>/dev/null | tr '\\n' ',')
                    modes=$(cd "$VIBERATOR_SECRETS_DIR" 2>/dev/null && stat -c '%%n:%%a' . * 2>/dev/null | tr '\\n' ',')
                    echo "$1|$JOB_ID|$CALLBACK_TOKEN|$TENANT_ID|$PLATFORM_API_URL|$secrets|$VIBERATOR_SECRETS_DIR|$modes" >> "%s"
                    """
                            .formatted(record));
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Config overrides pointing the local invoker at this worker, then {@code extra}. */
    public ConfigOverride[] overrides(ConfigOverride... extra) {
        List<ConfigOverride> all = new ArrayList<>(List.of(
                ConfigOverride.config(
                        "dispatch.local.command", directory.resolve("worker.sh").toString()),
                ConfigOverride.config(
                        "dispatch.local.workDirectory",
                        directory.resolve("work").toString()),
                ConfigOverride.config(
                        "dispatch.local.logDirectory", directory.resolve("logs").toString()),
                ConfigOverride.config("dispatch.pollInterval", "200ms")));
        all.addAll(List.of(extra));
        return all.toArray(ConfigOverride[]::new);
    }

    /**
     * Plays the worker started for {@code jobId} to its end: fetches the bootstrap with the job's callback token, then
     * reports a success that pushed {@code branch} and opened {@code pullRequestUrl}.
     */
    public void finishWithPullRequest(Api api, String jobId, String branch, String pullRequestUrl) {
        Api worker = api.withHeader("X-Callback-Token", awaitInvocation(jobId).token());
        worker.get("/api/jobs/" + jobId + "/bootstrap").expect(200);
        worker.post(
                        "/api/jobs/" + jobId + "/result",
                        Map.of(
                                "success",
                                true,
                                "outcome",
                                "succeeded",
                                "branch",
                                branch,
                                "pullRequestUrl",
                                pullRequestUrl,
                                "executionTimeMs",
                                5))
                .expect(200);
    }

    /**
     * One start of the worker, as it saw it.
     *
     * @param secretsDirectory where its credentials were ({@code VIBERATOR_SECRETS_DIR})
     * @param secretModes {@code name:octal mode} of that directory ({@code .}) and each file in it
     */
    public record Invocation(
            String subcommand,
            String jobId,
            String token,
            String tenant,
            String platformUrl,
            List<String> secretFiles,
            String secretsDirectory,
            List<String> secretModes) {}

    public List<Invocation> invocations() {
        try {
            return Files.readAllLines(record).stream()
                    .filter(line -> !line.isBlank())
                    .map(line -> {
                        String[] parts = line.split("\\|", -1);
                        List<String> secrets = parts[5].isEmpty() ? List.of() : List.of(parts[5].split(","));
                        List<String> modes = parts[7].isEmpty() ? List.of() : List.of(parts[7].split(","));
                        return new Invocation(
                                parts[0], parts[1], parts[2], parts[3], parts[4], secrets, parts[6], modes);
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the worker was started for {@code jobId} and returns what it received. */
    public Invocation awaitInvocation(String jobId) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> find(jobId), Optional::isPresent)
                .orElseThrow();
    }

    public Optional<Invocation> find(String jobId) {
        return invocations().stream()
                .filter(invocation -> invocation.jobId().equals(jobId))
                .findFirst();
    }

    public Map<String, Long> countsByJob() {
        return invocations().stream().collect(Collectors.groupingBy(Invocation::jobId, Collectors.counting()));
    }
}
