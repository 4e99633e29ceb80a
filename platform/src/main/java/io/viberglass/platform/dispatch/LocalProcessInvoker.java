package io.viberglass.platform.dispatch;

import io.viberglass.common.job.WorkerInvocation;
import io.viberglass.common.security.SecretFiles;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.DeploymentStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code viberator job} as a child process of the platform: the quick start's worker and the one the end-to-end
 * tests use. Credentials go into a private directory of files (mode 0600) that the worker reads and that is removed
 * when it exits; they never appear on the command line or in the environment.
 */
public class LocalProcessInvoker implements WorkerInvoker {
    private static final Logger LOG = LoggerFactory.getLogger(LocalProcessInvoker.class);

    private final LocalWorkerSettings settings;
    private final Map<String, String> platformEnvironment;

    public LocalProcessInvoker(LocalWorkerSettings settings, Map<String, String> platformEnvironment) {
        this.settings = settings;
        this.platformEnvironment = Map.copyOf(platformEnvironment);
    }

    @Override
    public DeploymentStrategy strategy() {
        return DeploymentStrategy.LOCAL;
    }

    @Override
    public String invoke(Dispatch dispatch) throws InvocationException {
        WorkerInvocation invocation = dispatch.invocation();
        Path secrets = null;
        try {
            Path work = Files.createDirectories(Path.of(settings.getWorkDirectory()));
            Path logs = Files.createDirectories(Path.of(settings.getLogDirectory()));
            secrets = SecretFiles.writeTemporary("viberglass-secrets-", dispatch.credentials());
            List<String> command = new ArrayList<>(settings.getCommand());
            command.add("job");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(Path.of("").toAbsolutePath().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            logs.resolve(invocation.jobId() + ".log").toFile()));
            Map<String, String> environment = builder.environment();
            if (!settings.isInheritEnvironment()) {
                environment.clear();
                Optional.ofNullable(platformEnvironment.get("PATH")).ifPresent(path -> environment.put("PATH", path));
                Optional.ofNullable(platformEnvironment.get("HOME")).ifPresent(home -> environment.put("HOME", home));
            }
            environment.remove("CALLBACK_TOKEN");
            environment.putAll(settings.getEnvironment());
            environment.put("JOB_ID", invocation.jobId());
            environment.put("PLATFORM_API_URL", invocation.platformApiUrl());
            environment.put("TENANT_ID", invocation.tenantId());
            environment.put("CALLBACK_TOKEN", invocation.callbackToken());
            environment.put("WORK_DIR", work.toString());
            environment.put("VIBERATOR_SECRETS_DIR", secrets.toString());
            Process process = builder.start();
            Path created = secrets;
            process.onExit().thenRun(() -> deleteQuietly(created));
            return Long.toString(process.pid());
        } catch (IOException e) {
            deleteQuietly(secrets);
            throw InvocationException.permanent(
                    "Could not start the local worker (" + String.join(" ", settings.getCommand()) + "): "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public void cancel(Clanker clanker, String executionId) {
        long pid;
        try {
            pid = Long.parseLong(executionId);
        } catch (NumberFormatException e) {
            return;
        }
        ProcessHandle.of(pid).ifPresent(process -> {
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            tree.add(process);
            tree.forEach(ProcessHandle::destroy);
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                tree.forEach(ProcessHandle::destroyForcibly);
            }
            LOG.info("Stopped local worker process {}", pid);
        });
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not remove worker secrets directory {}", directory);
        }
    }
}
