import io.viberglass.common.job.AgentSpec;
import io.viberglass.common.job.AgentType;
import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.LogLevel;
import io.viberglass.common.job.RepositorySpec;
import io.viberglass.common.job.ScmProvider;
import io.viberglass.common.job.WorkerSettings;
import io.viberglass.viberator.JobRunner;
import io.viberglass.viberator.RunContext;
import io.viberglass.viberator.git.GitRepository;
import io.viberglass.viberator.report.JobReporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Worker benchmarks (not part of the test run). Modes:
 *   overhead <bareRepo> <fakeClaude> <runs>   time of a whole JobRunner.run minus the clone and the agent process
 *   clone-compare <url> <runs>                native `git clone --depth 1` and the worker's JGit shallow clone
 *                                             (ls-remote + depth-1 clone, warm JVM), interleaved so that load from
 *                                             other processes hits both alike
 *   clone-once <url> <dir>                    one JGit shallow clone, for a cold-JVM comparison under hyperfine
 */
public class WorkerBench {
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "overhead" -> overhead(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            case "clone-compare" -> cloneCompare(args[1], Integer.parseInt(args[2]));
            case "clone-once" -> GitRepository.cloneWorkBranch(args[1], "main", null, Path.of(args[2]), null, 1).close();
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** Timestamps of progress steps: the clone lasts from "clone" to the next step, the agent from "execute" to the next. */
    static final class Timeline implements JobReporter {
        final List<String> steps = new ArrayList<>();
        final List<Long> times = new ArrayList<>();

        @Override
        public synchronized void progress(String step, String message, Map<String, Object> details) {
            if (!step.equals("heartbeat")) {
                steps.add(step);
                times.add(System.nanoTime());
            }
        }

        @Override
        public void log(LogLevel level, String source, String message) {}

        @Override
        public boolean result(JobResult result) {
            return true;
        }

        @Override
        public void close() {}

        long span(String step) {
            int i = steps.indexOf(step);
            return times.get(i + 1) - times.get(i);
        }
    }

    static void overhead(Path bare, Path claude, int runs) throws Exception {
        JobRunner runner = new JobRunner(Clock.systemUTC());
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("VIBERATOR_CLAUDE_CODE_BIN", claude.toString());
        env.put("ANTHROPIC_API_KEY", "sk-ant-bench-" + "x".repeat(24));
        List<Double> overheads = new ArrayList<>();
        List<Double> totals = new ArrayList<>();
        Path work = Files.createTempDirectory("bench-work");
        for (int i = 0; i < runs + 3; i++) {
            JobPayload payload = new JobPayload(1, "bench-" + i, JobKind.EXECUTION, "bench", null, null,
                    AgentSpec.of(AgentType.CLAUDE_CODE),
                    new RepositorySpec(bare.toString(), "main", "bench/run-" + i, null, ScmProvider.GIT, null, null,
                            null, null),
                    "Add a greeting", null, List.of(), WorkerSettings.defaults(), List.of());
            Timeline timeline = new Timeline();
            long start = System.nanoTime();
            JobResult result = runner.run(payload, RunContext.of(work, env, timeline));
            long total = System.nanoTime() - start;
            if (!result.success()) {
                throw new IllegalStateException("bench run failed: " + result.errorMessage());
            }
            long overhead = total - timeline.span("clone") - timeline.span("execute");
            if (i >= 3) { // the first runs warm up the JVM
                overheads.add(overhead / 1e6);
                totals.add(total / 1e6);
            }
        }
        System.out.printf("overhead_ms median=%.0f p90=%.0f max=%.0f (total median=%.0f, runs=%d)%n",
                pct(overheads, 50), pct(overheads, 90), pct(overheads, 100), pct(totals, 50), runs);
    }

    static void cloneCompare(String url, int runs) throws Exception {
        List<Double> nativeTimes = new ArrayList<>();
        List<Double> jgitTimes = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < runs + 1; i++) {
            Path dir = Files.createTempDirectory("bench-clone");
            long start = System.nanoTime();
            Process git = new ProcessBuilder("git", "clone", "-q", "--depth", "1", "--single-branch", "--branch", "main",
                            url, dir.resolve("native").toString())
                    .inheritIO()
                    .start();
            if (git.waitFor() != 0) {
                throw new IllegalStateException("git clone failed");
            }
            long nativeTook = System.nanoTime() - start;
            start = System.nanoTime();
            GitRepository.cloneWorkBranch(url, "main", null, dir.resolve("jgit"), null, 1).close();
            long jgitTook = System.nanoTime() - start;
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            if (i >= 1) { // the first pair warms the JVM and the page cache
                nativeTimes.add(nativeTook / 1e6);
                jgitTimes.add(jgitTook / 1e6);
                ratios.add((double) jgitTook / nativeTook);
            }
        }
        System.out.printf("clone_ms native_median=%.0f jgit_median=%.0f ratio_median=%.2f native_min=%.0f jgit_min=%.0f runs=%d%n",
                pct(nativeTimes, 50), pct(jgitTimes, 50), pct(ratios, 50), pct(nativeTimes, 0), pct(jgitTimes, 0), runs);
    }

    static double pct(List<Double> values, int percentile) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
