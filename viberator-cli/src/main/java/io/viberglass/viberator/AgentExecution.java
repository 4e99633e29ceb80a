package io.viberglass.viberator;

import io.viberglass.common.job.LogLevel;
import io.viberglass.viberator.agent.AgentCommand;
import io.viberglass.viberator.agent.AgentEvent;
import io.viberglass.viberator.agent.AgentHarness;
import io.viberglass.viberator.agent.AgentRequest;
import io.viberglass.viberator.agent.OutputParser;
import io.viberglass.viberator.process.LineSink;
import io.viberglass.viberator.process.ProcessResult;
import io.viberglass.viberator.process.ProcessRunner;
import io.viberglass.viberator.process.ProcessSpec;
import io.viberglass.viberator.report.JobReporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one agent CLI for one job: builds its command, gives it an allow-listed environment, streams its output through
 * the harness's parser into the job log, sends heartbeats while it runs, and reports how it ended.
 */
final class AgentExecution {
    /** Variables copied from the worker's environment into every agent's; everything else must be asked for. */
    static final List<String> BASE_ENVIRONMENT = List.of(
            "PATH",
            "LANG",
            "LC_ALL",
            "TZ",
            // the egress proxy, when the platform put the worker behind one: the agent's traffic must use it too
            "HTTPS_PROXY",
            "HTTP_PROXY",
            "NO_PROXY",
            "https_proxy",
            "http_proxy",
            "no_proxy");

    private final ProcessRunner processes;
    private final Duration grace;

    AgentExecution(ProcessRunner processes, Duration grace) {
        this.processes = processes;
        this.grace = grace;
    }

    /** The finished run: how the process ended and what it said. */
    record Outcome(ProcessResult process, AgentTranscript transcript) {}

    /**
     * @param agentCredentials credentials exported to the agent under their own names (never the SCM token)
     */
    Outcome run(
            AgentHarness harness,
            Path executable,
            AgentRequest request,
            Map<String, String> agentCredentials,
            RunContext context,
            JobReporter reporter,
            Duration timeout)
            throws IOException {
        AgentCommand command = harness.command(request, executable);
        for (Map.Entry<Path, String> file : command.files().entrySet()) {
            Files.createDirectories(file.getKey().getParent());
            Files.writeString(file.getKey(), file.getValue());
        }
        Files.createDirectories(request.homeDir().resolve("tmp"));
        ProcessSpec spec = new ProcessSpec(
                command.argv(),
                command.workingDirectory(),
                environment(command, request, agentCredentials, context),
                timeout,
                grace);

        AgentTranscript transcript = new AgentTranscript();
        OutputParser parser = harness.newParser();
        String source = "agent:" + harness.type().wire();
        LineSink sink = (stream, line) -> {
            if (stream == LineSink.Stream.STDERR) {
                transcript.stderrLine(line);
                reporter.log(LogLevel.WARN, source + ":stderr", line);
            } else {
                emit(parser.onLine(line), transcript, reporter, source);
            }
        };
        ScheduledExecutorService heartbeat = startHeartbeat(reporter, harness, context.heartbeatInterval());
        try {
            ProcessResult result = processes.run(spec, sink, context.cancellation());
            emit(parser.finish(), transcript, reporter, source);
            return new Outcome(result, transcript);
        } finally {
            heartbeat.shutdownNow();
        }
    }

    /**
     * The agent's whole environment: base variables from the worker, a scratch HOME and TMPDIR, passthrough names the
     * operator allowed, the job's non-SCM credentials, and the harness's own variables (which win).
     */
    static Map<String, String> environment(
            AgentCommand command, AgentRequest request, Map<String, String> agentCredentials, RunContext context) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : BASE_ENVIRONMENT) {
            String value = context.environment().get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.putIfAbsent("LANG", "C.UTF-8");
        for (String name : context.agentEnvironmentPassthrough()) {
            String value = context.environment().get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putAll(agentCredentials);
        env.put("HOME", request.homeDir().toString());
        env.put("TMPDIR", request.homeDir().resolve("tmp").toString());
        env.put("CI", "true");
        env.putAll(command.environment());
        return env;
    }

    private static void emit(List<AgentEvent> events, AgentTranscript transcript, JobReporter reporter, String source) {
        for (AgentEvent event : events) {
            transcript.record(event);
            reporter.log(AgentTranscript.level(event), source + ":stdout", AgentTranscript.describe(event));
        }
    }

    static ScheduledExecutorService startHeartbeat(JobReporter reporter, AgentHarness harness, Duration interval) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        Runnable beat = () -> {
            try {
                reporter.progress(
                        "heartbeat",
                        harness.type().displayName() + " is running",
                        Map.of("agent", harness.type().wire()));
            } catch (RuntimeException e) {
                // a failed beat must not cancel the schedule; the next one may get through
            }
        };
        timer.scheduleAtFixedRate(beat, millis, millis, TimeUnit.MILLISECONDS);
        return timer;
    }
}
