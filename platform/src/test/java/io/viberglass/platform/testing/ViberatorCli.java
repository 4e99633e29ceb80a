package io.viberglass.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.viberglass.common.json.Json;
import io.viberglass.viberator.testing.FakeAgents;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The built {@code viberator.jar} as a user or a CI pipeline runs it: a separate process with its own environment,
 * standard input, standard output, standard error and exit code. Never the test's own home directory: the config
 * file lives where {@code VIBERGLASS_CONFIG} says.
 */
public final class ViberatorCli {
    private static final Duration LIMIT = Duration.ofMinutes(3);

    private final Map<String, String> environment;

    private ViberatorCli(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** A CLI whose login is stored in {@code config}, and no VIBERGLASS_* variables. */
    public static ViberatorCli withConfig(Path config) {
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", System.getenv("PATH"));
        environment.put("LANG", "C.UTF-8");
        environment.put("HOME", config.toAbsolutePath().getParent().toString());
        environment.put("VIBERGLASS_CONFIG", config.toAbsolutePath().toString());
        return new ViberatorCli(environment);
    }

    /** The same CLI with one more environment variable (VIBERGLASS_URL, VIBERGLASS_TOKEN, ...). */
    public ViberatorCli env(String name, String value) {
        Map<String, String> merged = new HashMap<>(environment);
        merged.put(name, value);
        return new ViberatorCli(merged);
    }

    public record Result(int exitCode, String out, String err) {
        public JsonNode json() {
            try {
                return Json.newMapper().readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON (exit " + exitCode + "): " + out + "\nstderr: " + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    public Result run(String... args) {
        return runWithInput("", args);
    }

    /** Runs to the end with {@code stdin} as standard input. */
    public Result runWithInput(String stdin, String... args) {
        Process process = start(args);
        try {
            try (Writer in = process.outputWriter(StandardCharsets.UTF_8)) {
                in.write(stdin);
            }
            var out = readAsync(process.getInputStream());
            var err = readAsync(process.getErrorStream());
            if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("viberator " + String.join(" ", args) + " ran past " + LIMIT);
            }
            return new Result(process.exitValue(), out.get(), err.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A running command whose standard output is read line by line as it comes, each line with its arrival time. */
    public Running background(String... args) {
        Process process = start(args);
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Running running = new Running(process, new LinkedBlockingQueue<>(), readAsync(process.getErrorStream()));
        Thread reader = new Thread(() -> running.pump(process), "viberator-stdout");
        reader.setDaemon(true);
        reader.start();
        return running;
    }

    public record Line(String text, Instant arrivedAt) {}

    public record Running(Process process, BlockingQueue<Line> lines, CompletableFuture<String> err) {
        void pump(Process source) {
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(source.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(new Line(line, Instant.now()));
                }
            } catch (IOException e) {
                // the process ended
            }
        }

        /** The next line of standard output, waiting at most {@code timeout}; null when none came. */
        public Line nextLine(Duration timeout) throws InterruptedException {
            return lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        public int waitFor(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("viberator did not end within " + timeout + "; stderr: " + err.getNow(""));
            }
            return process.exitValue();
        }

        /** Every line printed so far and not yet taken. */
        public List<String> remainingLines() {
            List<Line> rest = new ArrayList<>();
            lines.drainTo(rest);
            return rest.stream().map(Line::text).toList();
        }
    }

    private Process start(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-jar",
                FakeAgents.viberatorJar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(
                    Path.of(environment.get("VIBERGLASS_CONFIG")).getParent());
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A thread of its own per stream: a full pipe would block the process, and the common pool may have one. */
    private static CompletableFuture<String> readAsync(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try {
                        text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        text.completeExceptionally(e);
                    }
                },
                "viberator-output");
        reader.setDaemon(true);
        reader.start();
        return text;
    }
}
