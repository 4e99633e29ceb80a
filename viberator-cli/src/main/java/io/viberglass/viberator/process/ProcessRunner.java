package io.viberglass.viberator.process;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs child processes the one way the worker allows: argv without a shell, an explicit environment, stdin from
 * {@code /dev/null} (Codex reads stdin to EOF and hangs otherwise), output pumped line by line, and a hard time limit
 * that stops the whole process tree: SIGTERM to every descendant and the process, then SIGKILL after a grace period.
 */
public final class ProcessRunner {
    private static final File DEV_NULL = new File("/dev/null");
    /** How long the pumps may keep draining after the tree is gone (a stray grandchild may hold the pipe open). */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(2);

    private final Clock clock;

    public ProcessRunner(Clock clock) {
        this.clock = clock;
    }

    /**
     * Starts the process and blocks until it exits, the time limit passes or {@code cancellation} fires.
     *
     * @throws IOException when the executable cannot be started at all (missing, not executable)
     */
    public ProcessResult run(ProcessSpec spec, LineSink sink, Cancellation cancellation) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(spec.argv())
                .directory(spec.workingDirectory().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        Instant started = clock.instant();
        Process process = builder.start();
        List<Thread> pumps = List.of(
                pump(process.getInputStream(), LineSink.Stream.STDOUT, sink),
                pump(process.getErrorStream(), LineSink.Stream.STDERR, sink));

        ProcessResult.Ending ending = awaitExit(process, spec.timeout(), cancellation);
        if (ending != ProcessResult.Ending.EXITED) {
            stopTree(process.toHandle(), spec.grace());
        }
        int exitCode = waitUninterruptibly(process);
        for (Thread pump : pumps) {
            joinQuietly(pump, DRAIN_LIMIT);
        }
        return new ProcessResult(exitCode, ending, Duration.between(started, clock.instant()));
    }

    private static ProcessResult.Ending awaitExit(Process process, Duration timeout, Cancellation cancellation) {
        CompletableFuture<Object> exitOrCancel =
                CompletableFuture.anyOf(process.onExit(), cancellation.whenCancelled());
        try {
            exitOrCancel.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return process.isAlive() ? ProcessResult.Ending.TIMED_OUT : ProcessResult.Ending.EXITED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProcessResult.Ending.CANCELLED;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for the process failed", e.getCause());
        }
        return process.isAlive() ? ProcessResult.Ending.CANCELLED : ProcessResult.Ending.EXITED;
    }

    /**
     * SIGTERM to the process and everything it started, then SIGKILL to whatever is still alive after {@code grace}.
     * Descendants are captured before the parent dies, because orphans are re-parented and vanish from the tree.
     */
    public static void stopTree(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        tree.forEach(ProcessHandle::destroy);
        CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // someone ignored SIGTERM: fall through to SIGKILL
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // descendants spawned during the grace period are caught here too
        List<ProcessHandle> survivors = new ArrayList<>(root.descendants().toList());
        survivors.addAll(tree);
        survivors.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static int waitUninterruptibly(Process process) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return process.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true;
                    process.destroyForcibly();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Thread pump(InputStream stream, LineSink.Stream which, LineSink sink) {
        Thread thread = new Thread(
                () -> {
                    try (BufferedReader reader =
                            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = reader.readLine()) != null) {
                            deliver(sink, which, line);
                        }
                    } catch (IOException e) {
                        // the stream closes when the process is killed; nothing left to read
                    }
                },
                "pump-" + which.name().toLowerCase());
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void deliver(LineSink sink, LineSink.Stream which, String line) {
        try {
            sink.line(which, line);
        } catch (RuntimeException e) {
            // a failing sink must not stop the pump: the child would block on a full pipe and never exit
        }
    }

    private static void joinQuietly(Thread thread, Duration limit) {
        try {
            thread.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
