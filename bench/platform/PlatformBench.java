// Platform load benchmarks on real PostgreSQL. Not part of the test suite: run bench/platform/run.sh.
// Modes: dispatch-latency | drain | log-ingest. Prints one Markdown table row per figure.

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.viberglass.common.job.AgentSpec;
import io.viberglass.common.job.AgentType;
import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.RepositorySpec;
import io.viberglass.common.job.RunOutcome;
import io.viberglass.common.json.Json;
import io.viberglass.platform.PlatformApplication;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.ClankerRequest;
import io.viberglass.platform.clankers.ClankerService;
import io.viberglass.platform.clankers.DeploymentStrategy;
import io.viberglass.platform.dispatch.Dispatch;
import io.viberglass.platform.dispatch.DispatchSettings;
import io.viberglass.platform.dispatch.DispatchSignal;
import io.viberglass.platform.dispatch.Dispatcher;
import io.viberglass.platform.dispatch.InvocationException;
import io.viberglass.platform.dispatch.Invokers;
import io.viberglass.platform.dispatch.PlatformUrls;
import io.viberglass.platform.dispatch.WorkerInvoker;
import io.viberglass.platform.infra.db.Database;
import io.viberglass.platform.infra.db.DatabaseNotifications;
import io.viberglass.platform.jobs.CallbackCredentials;
import io.viberglass.platform.jobs.CallbackService;
import io.viberglass.platform.jobs.JobLifecycle;
import io.viberglass.platform.jobs.JobQueue;
import io.viberglass.platform.projects.CreateProjectRequest;
import io.viberglass.platform.projects.ProjectService;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.RecordingWorker;
import io.viberglass.platform.testing.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

public class PlatformBench {
    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "dispatch-latency" -> dispatchLatency();
            case "drain" -> drain(Integer.parseInt(args.length > 1 ? args[1] : "1000"));
            case "log-ingest" -> logIngest(Integer.parseInt(args.length > 1 ? args[1] : "200000"));
            default -> {
                System.err.println("usage: PlatformBench dispatch-latency | drain [jobs] | log-ingest [lines]");
                System.exit(2);
            }
        }
        System.exit(0);
    }

    /** Jobs, dispatchers and a pool-sized clanker on a fresh database. */
    static final class Rig implements AutoCloseable {
        final TestDatabase database = TestDatabase.migrated(PlatformBench.class);
        final io.dropwizard.db.ManagedDataSource pool = database.pool();
        final Jdbi jdbi = Database.configure(Jdbi.create(pool), Json.newMapper());
        final Clock clock = Clock.systemUTC();
        final JobLifecycle lifecycle = new JobLifecycle(Json.newMapper());
        final JobQueue queue = new JobQueue(jdbi, Json.newMapper(), lifecycle, List.of());
        final CallbackService callbacks = new CallbackService(jdbi, clock, lifecycle, List.of());
        final List<Runnable> stops = new ArrayList<>();
        final UUID project = new ProjectService(jdbi, clock, List.of(), io.viberglass.platform.projects.ProjectListener.none())
                .create(new CreateProjectRequest("Bench " + UUID.randomUUID(), null, null, null, null, null), null).id();

        UUID clanker(int limit) {
            ClankerService clankers = new ClankerService(jdbi, clock, Json.newMapper());
            Clanker clanker = clankers.create(new ClankerRequest("Bench " + UUID.randomUUID(), null,
                    AgentType.CLAUDE_CODE, null, DeploymentStrategy.LOCAL, null, limit));
            new io.viberglass.platform.testing.ClankerSwitch(jdbi, clock).start(clanker.id());
            return clanker.id();
        }

        UUID enqueue(UUID clanker) {
            UUID id = UUID.randomUUID();
            JobPayload payload = new JobPayload(1, id.toString(), JobKind.EXECUTION, project.toString(),
                    clanker.toString(), null, AgentSpec.of(AgentType.CLAUDE_CODE),
                    RepositorySpec.of("file:///tmp/bench.git", "main"), "task", null, null, null, null);
            queue.enqueue(new JobQueue.NewJob(id, JobKind.EXECUTION, project, null, clanker, payload, 1, null),
                    clock.instant());
            return id;
        }

        Dispatcher dispatcher(WorkerInvoker invoker, int perClanker) {
            DispatchSettings settings = new DispatchSettings();
            settings.setPerProjectLimit(100_000);
            settings.setDefaultClankerLimit(perClanker);
            settings.setPollInterval(io.dropwizard.util.Duration.seconds(1));
            DatabaseNotifications notifications = new DatabaseNotifications(database.url(), "postgres", "");
            DispatchSignal signal = new DispatchSignal(notifications);
            Dispatcher dispatcher = new Dispatcher(jdbi, clock, settings, new Invokers(List.of(invoker)),
                    job -> Map.of(), lifecycle, List.of(), new PlatformUrls("http://bench", () -> "http://bench"),
                    signal, "bench-" + UUID.randomUUID());
            notifications.start();
            dispatcher.start();
            stops.add(() -> {
                try {
                    dispatcher.stop();
                    notifications.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            return dispatcher;
        }

        @Override
        public void close() throws Exception {
            stops.forEach(Runnable::run);
            pool.stop();
            database.drop();
        }
    }

    /** An invoker that hands each job to a callback; the benchmark's stand-in for a runtime. */
    record CallbackInvoker(java.util.function.Consumer<Dispatch> onInvoke) implements WorkerInvoker {
        public DeploymentStrategy strategy() {
            return DeploymentStrategy.LOCAL;
        }

        public String invoke(Dispatch dispatch) throws InvocationException {
            onInvoke.accept(dispatch);
            return "bench";
        }

        public void cancel(Clanker clanker, String executionId) {}
    }

    static void dispatchLatency() throws Exception {
        try (Rig rig = new Rig()) {
            UUID clanker = rig.clanker(1000);
            Map<String, Long> invokedAt = new ConcurrentHashMap<>();
            Map<String, CountDownLatch> latches = new ConcurrentHashMap<>();
            rig.dispatcher(new CallbackInvoker(dispatch -> {
                String id = dispatch.invocation().jobId();
                invokedAt.put(id, System.nanoTime());
                latches.computeIfAbsent(id, k -> new CountDownLatch(1)).countDown();
            }), 1000);
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < 320; i++) {
                UUID id = rig.enqueue(clanker);
                long queued = System.nanoTime(); // the insert has committed: the job is queued
                latches.computeIfAbsent(id.toString(), k -> new CountDownLatch(1)).await(10, TimeUnit.SECONDS);
                if (i >= 20) {
                    latencies.add(invokedAt.get(id.toString()) - queued);
                }
            }
            Collections.sort(latencies);
            row("dispatch latency, queued → invoker called (300 jobs, one at a time)", "p50 "
                    + ms(latencies.get(latencies.size() / 2)) + " ms", "p99 "
                    + ms(latencies.get((int) (latencies.size() * 0.99))) + " ms", "p50 ≤ 50 ms");
        }
    }

    static void drain(int jobs) throws Exception {
        try (Rig rig = new Rig()) {
            UUID clanker = rig.clanker(10);
            for (int i = 0; i < jobs; i++) {
                rig.enqueue(clanker);
            }
            Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();
            AtomicInteger running = new AtomicInteger();
            AtomicInteger peak = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(jobs);
            ExecutorService workers = Executors.newFixedThreadPool(12);
            CallbackInvoker invoker = new CallbackInvoker(dispatch -> workers.execute(() -> {
                String id = dispatch.invocation().jobId();
                invocations.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                UUID jobId = UUID.fromString(id);
                CallbackCredentials caller = new CallbackCredentials(jobId, dispatch.invocation().callbackToken(), null);
                rig.callbacks.bootstrap(caller);
                running.decrementAndGet();
                rig.callbacks.result(caller,
                        new JobResult(true, RunOutcome.SUCCEEDED, null, null, null, null, null, List.of(), 1, null));
                done.countDown();
            }));
            long start = System.nanoTime();
            rig.dispatcher(invoker, 10);
            rig.dispatcher(invoker, 10);
            boolean finished = done.await(10, TimeUnit.MINUTES);
            long elapsed = System.nanoTime() - start;
            workers.shutdown();
            long doubles = invocations.values().stream().filter(count -> count.get() > 1).count();
            row(jobs + " queued jobs, pool of 10, two dispatchers", (finished ? "drained in " : "NOT drained after ")
                    + ms(elapsed) + " ms (" + Math.round(jobs / (elapsed / 1e9)) + " jobs/s)",
                    doubles + " double dispatches, peak " + peak.get() + " running", "0 double dispatch");
        }
    }

    static void logIngest(int lines) throws Exception {
        TestDatabase database = TestDatabase.migrated(PlatformBench.class);
        RecordingWorker worker = new RecordingWorker();
        List<ConfigOverride> overrides = new ArrayList<>(List.of(worker.overrides()));
        overrides.add(ConfigOverride.config("database.url", database.url()));
        overrides.add(ConfigOverride.config("http.maxBodyBytes", "4194304"));
        DropwizardTestSupport<PlatformConfiguration> app = new DropwizardTestSupport<>(PlatformApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"), overrides.toArray(ConfigOverride[]::new));
        app.before();
        try {
            Api api = Api.of("http://127.0.0.1:" + app.getLocalPort());
            Fixtures fixtures = new Fixtures(api);
            String ticket = fixtures.executableTicket(fixtures.project("file:///tmp/bench.git"), "Logs");
            String jobId = fixtures.run(ticket, fixtures.activeClanker(Map.of())).get("id").asText();
            RecordingWorker.Invocation invocation = worker.awaitInvocation(jobId);
            Api as = api.withHeader("X-Callback-Token", invocation.token());
            as.get("/api/jobs/" + jobId + "/bootstrap").expect(200);
            String line = "[agent:claude-code:stdout] {\"type\":\"assistant\",\"text\":\"Editing src/checkout.js to "
                    + "handle the Safari click event\"}";
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(Map.of("level", "info", "message", line, "source", "agent:claude-code:stdout"));
            }
            Map<String, Object> body = Map.of("logs", batch);
            int batches = lines / 100;
            AtomicLong sent = new AtomicLong();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            long start = System.nanoTime();
            for (int i = 0; i < batches; i++) {
                clients.execute(() -> {
                    as.post("/api/jobs/" + jobId + "/logs/batch", body).expect(200);
                    sent.addAndGet(100);
                });
            }
            clients.shutdown();
            clients.awaitTermination(10, TimeUnit.MINUTES);
            long elapsed = System.nanoTime() - start;
            long stored = Jdbi.create(database.dataSource()).withHandle(h -> h.createQuery(
                    "select count(*) from job_logs where job_id = cast(:id as uuid)").bind("id", jobId)
                    .mapTo(Long.class).one());
            row("log ingest through POST /logs/batch (100 lines per batch, 8 clients)",
                    Math.round(sent.get() / (elapsed / 1e9)) + " lines/s", stored + " of " + sent.get()
                            + " lines stored", "≥ 5,000 lines/s, none lost");
        } finally {
            app.after();
            database.drop();
        }
    }

    static long ms(long nanos) {
        return Math.round(nanos / 1e6);
    }

    static void row(String operation, String result, String detail, String target) {
        System.out.println("| " + operation + " | " + result + " | " + detail + " | " + target + " |");
    }
}
