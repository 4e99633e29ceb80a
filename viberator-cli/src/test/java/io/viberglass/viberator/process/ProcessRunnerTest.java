package io.viberglass.viberator.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.viberglass.common.job.AgentType;
import io.viberglass.viberator.testing.FakeAgents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
    final ProcessRunner runner = new ProcessRunner(Clock.systemUTC());
    final List<String> lines = new CopyOnWriteArrayList<>();
    final LineSink sink = (stream, line) -> lines.add(stream + ":" + line);

    @TempDir
    Path temp;

    ProcessSpec bash(String script, Duration timeout, Duration grace) {
        return new ProcessSpec(
                List.of("/bin/bash", "-c", script), temp, Map.of("PATH", "/usr/bin:/bin"), timeout, grace);
    }

    @Test
    void streamsStdoutAndStderrLineByLineAndReportsTheExitCode() throws Exception {
        ProcessResult result = runner.run(
                bash("echo one; echo two >&2; echo three; exit 3", Duration.ofSeconds(10), Duration.ofSeconds(1)),
                sink,
                new Cancellation());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.ending()).isEqualTo(ProcessResult.Ending.EXITED);
        assertThat(result.exitedCleanly()).isFalse();
        assertThat(lines).contains("STDOUT:one", "STDERR:two", "STDOUT:three");
    }

    @Test
    void theChildSeesOnlyTheGivenEnvironmentAndAnEmptyStdin() throws Exception {
        ProcessResult result = runner.run(
                new ProcessSpec(
                        List.of("/bin/bash", "-c", "env | sort; cat; echo eof"),
                        temp,
                        Map.of("PATH", "/usr/bin:/bin", "ONLY", "this"),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(1)),
                sink,
                new Cancellation());

        assertThat(result.exitedCleanly()).isTrue();
        assertThat(lines).contains("STDOUT:ONLY=this", "STDOUT:eof").noneMatch(line -> line.contains("HOME="));
    }

    @Test
    void codexStyleAgentThatReadsStdinToEofDoesNotHang() throws Exception {
        Path codex = FakeAgents.install(temp.resolve("bin"), AgentType.CODEX);

        ProcessResult result = runner.run(
                new ProcessSpec(
                        List.of(
                                codex.toString(),
                                "exec",
                                "--json",
                                "--dangerously-bypass-approvals-and-sandbox",
                                "--cd",
                                temp.toString(),
                                "--",
                                "Do it"),
                        temp,
                        Map.of("PATH", System.getenv("PATH")),
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(1)),
                sink,
                new Cancellation());

        assertThat(result.exitedCleanly()).isTrue();
        assertThat(lines).anyMatch(line -> line.contains("turn.completed"));
    }

    @Test
    void timeoutKillsAHangingAgentThatIgnoresSigtermWithinTheGracePeriod() throws Exception {
        Path claude = FakeAgents.install(temp.resolve("bin"), AgentType.CLAUDE_CODE);
        Path pidFile = temp.resolve("pids");
        ProcessSpec spec = new ProcessSpec(
                List.of(claude.toString(), "--print", "hang", "--output-format=stream-json", "--verbose"),
                temp,
                Map.of(
                        "PATH",
                        System.getenv("PATH"),
                        "FAKE_AGENT_MODE",
                        "hang",
                        "FAKE_AGENT_PIDFILE",
                        pidFile.toString()),
                Duration.ofSeconds(2),
                Duration.ofSeconds(1));

        long started = System.nanoTime();
        ProcessResult result = runner.run(spec, sink, new Cancellation());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.ending()).isEqualTo(ProcessResult.Ending.TIMED_OUT);
        assertThat(result.exitedCleanly()).isFalse();
        assertThat(result.exitCode()).isEqualTo(128 + 9);
        // timeout (2 s) + grace (1 s) + slack for a busy 2-core machine; a hang would be an hour
        assertThat(took).isLessThan(Duration.ofSeconds(8));
        assertThat(lines).anyMatch(line -> line.contains("ignoring SIGTERM"));
        long[] pids = Arrays.stream(Files.readString(pidFile).trim().split(" "))
                .mapToLong(Long::parseLong)
                .toArray();
        assertThat(pids).hasSize(2);
        // the shell and its grandchild "sleep" both ignored SIGTERM; the tree kill must have taken both
        await().atMost(Duration.ofSeconds(3)).until(() -> Arrays.stream(pids)
                .noneMatch(
                        pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
    }

    @Test
    void cancellationStopsTheProcessTree() throws Exception {
        Cancellation cancellation = new Cancellation();
        CompletableFuture<ProcessResult> running = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.run(
                        bash("echo started; sleep 60", Duration.ofMinutes(5), Duration.ofSeconds(2)),
                        sink,
                        cancellation);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("STDOUT:started"));

        cancellation.cancel("test");
        ProcessResult result = running.get();

        assertThat(result.ending()).isEqualTo(ProcessResult.Ending.CANCELLED);
        assertThat(result.exitedCleanly()).isFalse();
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aProcessKilledBySignalIsReportedAsSuch() throws Exception {
        ProcessResult result =
                runner.run(bash("kill -9 $$", Duration.ofSeconds(10), Duration.ofSeconds(1)), sink, new Cancellation());

        assertThat(result.ending()).isEqualTo(ProcessResult.Ending.EXITED);
        assertThat(result.killedBySignal()).isTrue();
        assertThat(result.exitedCleanly()).isFalse();
    }

    @Test
    void aMissingExecutableFailsToStart() {
        assertThatThrownBy(() -> runner.run(
                        new ProcessSpec(
                                List.of(temp.resolve("nope").toString()),
                                temp,
                                Map.of(),
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(1)),
                        sink,
                        new Cancellation()))
                .isInstanceOf(IOException.class);
    }
}
