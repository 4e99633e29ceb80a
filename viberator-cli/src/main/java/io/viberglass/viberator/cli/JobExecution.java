package io.viberglass.viberator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.JobResult;
import io.viberglass.common.json.Json;
import io.viberglass.viberator.RunContext;
import io.viberglass.viberator.credentials.CredentialResolver;
import io.viberglass.viberator.process.Cancellation;
import io.viberglass.viberator.report.JobReporter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a payload from a command: builds the run context from the options, turns SIGTERM/Ctrl-C into a cancellation
 * (the agent is stopped and a {@code cancelled} result is still reported before the JVM exits), prints the result.
 */
final class JobExecution {
    /** How long a SIGTERM waits for the run to stop its agent and report; container runtimes allow 10–30 s. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(25);

    private JobExecution() {}

    /**
     * @param consumeSecrets read the secret files into memory and delete them before the agent starts (platform jobs;
     *     a developer's own {@code viberator run} leaves their files alone)
     */
    static RunContext context(
            CliEnvironment environment, WorkerOptions worker, JobReporter reporter, boolean consumeSecrets) {
        return context(environment, worker, reporter, consumeSecrets, Map.of());
    }

    /** @param extraCredentials values read elsewhere (SSM) by credential name; files in the secrets directory win */
    static RunContext context(
            CliEnvironment environment,
            WorkerOptions worker,
            JobReporter reporter,
            boolean consumeSecrets,
            Map<String, String> extraCredentials) {
        Map<String, String> lookup = new java.util.HashMap<>(environment.variables());
        lookup.putAll(extraCredentials);
        CredentialResolver credentials = consumeSecrets
                ? CredentialResolver.consuming(worker.secretsDir(environment), lookup)
                : new CredentialResolver(worker.secretsDir(environment), lookup);
        RunContext context = RunContext.of(worker.workDir(environment), environment.variables(), reporter)
                .withCredentials(credentials)
                .withBinaryOverrides(worker.agentBinaries)
                .withKeepWorkspace(worker.keepWorkspace);
        String heartbeat = environment.get("VIBERATOR_HEARTBEAT_SECONDS");
        if (worker.heartbeatInterval != null) {
            context = context.withHeartbeatInterval(worker.heartbeatInterval);
        } else if (heartbeat != null && heartbeat.matches("\\d+") && !heartbeat.equals("0")) {
            context = context.withHeartbeatInterval(Duration.ofSeconds(Long.parseLong(heartbeat)));
        }
        return context;
    }

    static JobResult run(CliEnvironment environment, JobPayload payload, RunContext context) {
        Cancellation cancellation = context.cancellation();
        CountDownLatch finished = new CountDownLatch(1);
        Runnable unregister = environment.shutdownHooks().register(() -> {
            cancellation.cancel("the worker was asked to stop (SIGTERM)");
            try {
                finished.await(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            return environment.runner().get().run(payload, context);
        } finally {
            finished.countDown();
            unregister.run();
        }
    }

    static int finish(JobResult result, OutputOptions output, PrintWriter out) {
        if (output.json) {
            out.println(toJson(result));
            out.flush();
        }
        return ExitCodes.of(result.outcome());
    }

    static String toJson(Object value) {
        try {
            return Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("result cannot be written as JSON", e);
        }
    }
}
