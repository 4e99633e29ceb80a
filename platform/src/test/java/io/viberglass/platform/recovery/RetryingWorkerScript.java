package io.viberglass.platform.recovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The worker the recovery tests' local invoker starts: fetches its payload and reports success, retrying every 0.2 s
 * while the platform is away (killed, restarting, or without its database).
 */
final class RetryingWorkerScript {
    private RetryingWorkerScript() {}

    /**
     * @param attempts how many tries each call gets before the worker gives up
     * @param stopWhenRefused whether a 401 or 409 on the payload fetch (a job that ended or was handed to another
     *     worker meanwhile) ends the worker instead of being retried
     */
    static Path write(Path directory, int attempts, boolean stopWhenRefused) throws IOException {
        Path script = directory.resolve("worker.sh");
        String refused = stopWhenRefused ? "  if [ \"$code\" = 409 ] || [ \"$code\" = 401 ]; then exit 0; fi\n" : "";
        Files.writeString(
                script,
                """
                #!/bin/bash
                base="$PLATFORM_API_URL/api/jobs/$JOB_ID"
                auth=(-H "X-Callback-Token: $CALLBACK_TOKEN" -H "X-Tenant-Id: $TENANT_ID")
                for attempt in $(seq 1 %1$d); do
                  code=$(curl -s -o /dev/null -w '%%{http_code}' "${auth[@]}" "$base/bootstrap")
                  if [ "$code" = 200 ]; then break; fi
                %2$s  sleep 0.2
                done
                for attempt in $(seq 1 %1$d); do
                  code=$(curl -s -o /dev/null -w '%%{http_code}' "${auth[@]}" -H 'Content-Type: application/json' \\
                    -d '{"success":true,"outcome":"succeeded","executionTimeMs":100}' "$base/result")
                  if [ "$code" = 200 ] || [ "$code" = 409 ]; then exit 0; fi
                  sleep 0.2
                done
                """
                        .formatted(attempts, refused));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
