package io.viberglass.platform.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.viberglass.common.job.AgentSpec;
import io.viberglass.common.job.AgentType;
import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.RepositorySpec;
import io.viberglass.common.job.RunOutcome;
import io.viberglass.common.json.Json;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.ClankerRequest;
import io.viberglass.platform.clankers.ClankerService;
import io.viberglass.platform.clankers.DeploymentStrategy;
import io.viberglass.platform.infra.db.Database;
import io.viberglass.platform.infra.db.DatabaseNotifications;
import io.viberglass.platform.jobs.CallbackCredentials;
import io.viberglass.platform.jobs.CallbackService;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.jobs.JobDao;
import io.viberglass.platform.jobs.JobLifecycle;
import io.viberglass.platform.jobs.JobQueue;
import io.viberglass.platform.projects.CreateProjectRequest;
import io.viberglass.platform.projects.ProjectListener;
import io.viberglass.platform.projects.ProjectService;
import io.viberglass.platform.testing.ClankerSwitch;
import io.viberglass.platform.testing.MutableClock;
import io.viberglass.platform.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dispatcher against real PostgreSQL, with an invoker that plays the worker through the real callbacks. */
class DispatcherTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(DispatcherTest.class);

    private static final io.dropwizard.db.ManagedDataSource POOL = DB.pool();
    private final Jdbi jdbi = Database.configure(Jdbi.create(POOL), Json.newMapper());
    private final Clock clock = Clock.systemUTC();
    private final JobLifecycle lifecycle = new JobLifecycle(Json.newMapper());
    private final JobQueue queue = new JobQueue(jdbi, Json.newMapper(), lifecycle, List.of());
    private final CallbackService callbacks = new CallbackService(jdbi, clock, lifecycle, List.of());
    private final RecordingInvoker invoker = new RecordingInvoker();
    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private final List<Dispatcher> dispatchers = new ArrayList<>();
    private final List<DatabaseNotifications> listeners = new ArrayList<>();

    @BeforeEach
    void emptyQueue() {
        // the dispatchers and sweepers act on every job in the database, so each test starts with none
        jdbi.useHandle(h -> h.execute("truncate jobs cascade"));
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (Dispatcher dispatcher : dispatchers) {
            dispatcher.stop();
        }
        for (DatabaseNotifications listener : listeners) {
            listener.stop();
        }
        workers.shutdownNow();
    }

    private DispatchSettings settings(int perProject, int perClanker) {
        DispatchSettings settings = new DispatchSettings();
        settings.setPerProjectLimit(perProject);
        settings.setDefaultClankerLimit(perClanker);
        settings.setPollInterval(io.dropwizard.util.Duration.milliseconds(100));
        settings.setRetryBackoff(io.dropwizard.util.Duration.milliseconds(10));
        settings.setMaxRetryBackoff(io.dropwizard.util.Duration.milliseconds(50));
        return settings;
    }

    private Dispatcher dispatcher(DispatchSettings settings, Clock clock, boolean start) {
        return dispatcher(settings, clock, start, invoker);
    }

    private Dispatcher dispatcher(DispatchSettings settings, Clock clock, boolean start, WorkerInvoker using) {
        return dispatcher(settings, clock, start, using, CredentialBroker.NONE);
    }

    private Dispatcher dispatcher(
            DispatchSettings settings, Clock clock, boolean start, WorkerInvoker using, CredentialBroker broker) {
        // each dispatcher as its own replica: its own listener connection
        DatabaseNotifications listener = new DatabaseNotifications(DB.url(), "postgres", "");
        DispatchSignal signal = new DispatchSignal(listener);
        Dispatcher dispatcher = new Dispatcher(
                jdbi,
                clock,
                settings,
                new Invokers(List.of(using)),
                job -> Map.of(),
                broker,
                lifecycle,
                List.of(),
                new PlatformUrls("http://public", () -> "http://local"),
                signal,
                "test-" + UUID.randomUUID());
        if (start) {
            listener.start();
            dispatcher.start();
            listeners.add(listener);
            dispatchers.add(dispatcher);
        }
        return dispatcher;
    }

    @Test
    void theWorkerAndTheModelBrokerAreToldThePlatformAddressTheRuntimeReachesItBy() {
        List<String> brokeredFor = new CopyOnWriteArrayList<>();
        CredentialBroker broker = (job, clanker, platformUrl, resolved) -> {
            brokeredFor.add(platformUrl);
            return resolved;
        };
        List<String> told = new CopyOnWriteArrayList<>();
        WorkerInvoker bridged = new WorkerInvoker() {
            @Override
            public DeploymentStrategy strategy() {
                return DeploymentStrategy.LOCAL;
            }

            @Override
            public String platformUrl(Clanker clanker, String configured) {
                return "http://host.docker.internal:8080";
            }

            @Override
            public String invoke(Dispatch dispatch) {
                told.add(dispatch.invocation().platformApiUrl());
                return "exec";
            }

            @Override
            public void cancel(Clanker clanker, String executionId) {}
        };
        dispatcher(settings(10, 10), clock, true, bridged, broker);

        enqueue(project(), clanker(null));

        await().atMost(Duration.ofSeconds(10)).until(() -> !told.isEmpty());
        assertThat(told).containsExactly("http://host.docker.internal:8080");
        assertThat(brokeredFor).containsExactly("http://host.docker.internal:8080");
    }

    private UUID project() {
        return new ProjectService(jdbi, clock, List.of(), ProjectListener.none())
                .create(new CreateProjectRequest("P " + UUID.randomUUID(), null, null, null, null, null), null)
                .id();
    }

    private UUID clanker(Integer limit) {
        ClankerService clankers = new ClankerService(jdbi, clock, Json.newMapper());
        UUID id = clankers.create(new ClankerRequest(
                        "C " + UUID.randomUUID(),
                        null,
                        AgentType.CLAUDE_CODE,
                        null,
                        DeploymentStrategy.LOCAL,
                        null,
                        limit))
                .id();
        new ClankerSwitch(jdbi, clock).start(id);
        return id;
    }

    private UUID enqueue(UUID projectId, UUID clankerId) {
        return enqueue(projectId, clankerId, "file:///tmp/repo.git");
    }

    private UUID enqueue(UUID projectId, UUID clankerId, String repository) {
        UUID id = UUID.randomUUID();
        JobPayload payload = new JobPayload(
                1,
                id.toString(),
                JobKind.EXECUTION,
                projectId.toString(),
                clankerId.toString(),
                null,
                AgentSpec.of(AgentType.CLAUDE_CODE),
                RepositorySpec.of(repository, "main"),
                "task",
                null,
                null,
                null,
                null);
        queue.enqueue(
                new JobQueue.NewJob(id, JobKind.EXECUTION, projectId, null, clankerId, payload, 1, null),
                clock.instant());
        return id;
    }

    private long unfinished() {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from jobs where status in ('queued', 'active')")
                .mapTo(Long.class)
                .one());
    }

    @org.junit.jupiter.api.AfterAll
    static void closePool() throws Exception {
        POOL.stop();
    }

    private Job job(UUID id) {
        return jdbi.withExtension(JobDao.class, dao -> dao.find(id)).orElseThrow();
    }

    /** Workers that start at once, work a few milliseconds and succeed, tracking how many run per clanker. */
    private Map<String, AtomicInteger> runAsWorkers(Map<String, AtomicInteger> peak) {
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        invoker.onInvoke(dispatch -> workers.execute(() -> {
            String clankerId = dispatch.clanker().id().toString();
            String jobId = dispatch.invocation().jobId();
            int now =
                    running.computeIfAbsent(clankerId, c -> new AtomicInteger()).incrementAndGet();
            peak.computeIfAbsent(clankerId, c -> new AtomicInteger()).accumulateAndGet(now, Math::max);
            callbacks.bootstrap(new CallbackCredentials(
                    UUID.fromString(jobId), dispatch.invocation().callbackToken(), null));
            try {
                Thread.sleep(5); // a worker's run takes time, so jobs overlap and pools fill up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.get(clankerId).decrementAndGet();
            callbacks.result(
                    new CallbackCredentials(
                            UUID.fromString(jobId), dispatch.invocation().callbackToken(), null),
                    new JobResult(true, RunOutcome.SUCCEEDED, null, null, null, null, null, List.of(), 5, null));
        }));
        return running;
    }

    @Test
    void twoDispatchersDrainTheQueueInvokingEveryJobExactlyOnceWithinThePool() {
        UUID project = project();
        UUID clanker = clanker(10);
        List<UUID> jobs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            jobs.add(enqueue(project, clanker));
        }
        Map<String, AtomicInteger> peak = new ConcurrentHashMap<>();
        runAsWorkers(peak);

        dispatcher(settings(1000, 5), clock, true);
        dispatcher(settings(1000, 5), clock, true);

        await().atMost(Duration.ofSeconds(60)).until(() -> unfinished() == 0);
        assertThat(invoker.invocations).hasSize(200);
        assertThat(invoker.invocations.values()).allMatch(count -> count.get() == 1);
        assertThat(jobs).allMatch(id -> job(id).status() == io.viberglass.common.job.JobStatus.COMPLETED);
        assertThat(peak.get(clanker.toString()).get()).isLessThanOrEqualTo(10);
    }

    @Test
    void aFullPoolBlocksOnlyItsOwnJobsAndEachPoolKeepsFifoOrder() {
        UUID project = project();
        UUID slow = clanker(1);
        UUID fast = clanker(3);
        List<UUID> slowJobs = new ArrayList<>();
        List<UUID> fastJobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            slowJobs.add(enqueue(project, slow));
            fastJobs.add(enqueue(project, fast));
        }
        Dispatcher dispatcher = dispatcher(settings(100, 5), clock, false);
        dispatcher.start();
        dispatchers.add(dispatcher);

        await().atMost(Duration.ofSeconds(10)).until(() -> invoker.order.size() == 4);

        assertThat(invoker.order)
                .containsExactlyInAnyOrder(
                        slowJobs.get(0).toString(),
                        fastJobs.get(0).toString(),
                        fastJobs.get(1).toString(),
                        fastJobs.get(2).toString());
        assertThat(job(slowJobs.get(1)).claimedAt()).isNull();
        assertThat(job(fastJobs.get(3)).claimedAt()).isNull();
    }

    @Test
    void theProjectPoolCapsRunsAcrossClankers() {
        UUID project = project();
        List<UUID> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            jobs.add(enqueue(project, clanker(5)));
        }
        Dispatcher dispatcher = dispatcher(settings(2, 5), clock, true);

        await().atMost(Duration.ofSeconds(10)).until(() -> invoker.order.size() == 2);
        dispatcher.dispatchOnce();

        assertThat(invoker.order)
                .containsExactlyInAnyOrder(jobs.get(0).toString(), jobs.get(1).toString());
    }

    @Test
    void transientInvocationFailuresAreRetriedWithBackoff() {
        UUID id = enqueue(project(), clanker(5));
        invoker.failTransiently(id, 2);

        dispatcher(settings(10, 5), clock, true);

        await().atMost(Duration.ofSeconds(10)).until(() -> invoker.invocations.containsKey(id.toString()));
        await().atMost(Duration.ofSeconds(5)).until(() -> job(id).dispatchedAt() != null);
        assertThat(job(id).invocationAttempts()).isEqualTo(3);
        assertThat(job(id).executionId()).isEqualTo("exec-" + id);
    }

    @Test
    void anInvocationThatKeepsFailingFailsTheJobWithAClassifiedReason() {
        UUID id = enqueue(project(), clanker(5));
        invoker.failTransiently(id, 100);

        dispatcher(settings(10, 5), clock, true);

        await().atMost(Duration.ofSeconds(10)).until(() -> job(id).status().isTerminal());
        Job failed = job(id);
        assertThat(failed.failureCode()).isEqualTo("INVOCATION_FAILED");
        assertThat(failed.failureDetail()).contains("after 4 attempts").contains("engine busy");
        assertThat(failed.failureRetryable()).isTrue();
    }

    @Test
    void aPermanentInvocationFailureFailsTheJobAtOnce() {
        UUID id = enqueue(project(), clanker(5));
        invoker.failPermanently();

        dispatcher(settings(10, 5), clock, true);

        await().atMost(Duration.ofSeconds(10)).until(() -> job(id).status().isTerminal());
        assertThat(job(id).failureDetail()).isEqualTo("Worker invocation failed: image not found");
        assertThat(job(id).invocationAttempts()).isZero();
    }

    @Test
    void aRestrictedEgressPolicyOnARuntimeThatCannotEnforceItFailsTheJobInsteadOfRunningItOpen() {
        UUID clanker = clanker(5); // a local clanker: the API refuses this policy, an old row or a move may not
        jdbi.useHandle(h -> h.execute(
                "insert into clanker_egress_policies (clanker_id, mode, updated_at) values (?, 'none', now())",
                clanker));
        UUID id = enqueue(project(), clanker);

        dispatcher(settings(10, 5), clock, true);

        await().atMost(Duration.ofSeconds(10)).until(() -> job(id).status().isTerminal());
        assertThat(job(id).failureCode()).isEqualTo("CONFIG_INVALID");
        assertThat(job(id).failureDetail()).contains("egress policy is none").contains("local workers cannot enforce");
        assertThat(invoker.invocations).doesNotContainKey(id.toString());
    }

    @Test
    void aDockerRunIsHandedItsEgressPlan_thePolicysHostsPlusTheRepositorysScmHosts() {
        RecordingInvoker docker = new RecordingInvoker(DeploymentStrategy.DOCKER);
        java.util.concurrent.atomic.AtomicReference<Dispatch> handed =
                new java.util.concurrent.atomic.AtomicReference<>();
        docker.onInvoke(handed::set);
        UUID clanker = new ClankerService(jdbi, clock, Json.newMapper())
                .create(new ClankerRequest(
                        "D " + UUID.randomUUID(),
                        null,
                        AgentType.CLAUDE_CODE,
                        null,
                        DeploymentStrategy.DOCKER,
                        Map.of("image", "viberator:1"),
                        5))
                .id();
        new ClankerSwitch(jdbi, clock).start(clanker);
        jdbi.useHandle(h -> h.execute(
                "insert into clanker_egress_policies (clanker_id, mode, allowed_hosts, updated_at) "
                        + "values (?, 'allowlist', '[\"registry.npmjs.org\"]'::jsonb, now())",
                clanker));
        UUID id = enqueue(project(), clanker, "https://github.com/acme/shop.git");
        dispatcher(settings(10, 5), clock, true, docker);

        await().atMost(Duration.ofSeconds(10)).until(() -> handed.get() != null);
        assertThat(handed.get().job().id()).isEqualTo(id);
        assertThat(handed.get().egress().mode()).isEqualTo(io.viberglass.platform.egress.EgressMode.ALLOWLIST);
        assertThat(handed.get().egress().allowedHosts())
                .containsExactly("github.com", "api.github.com", "registry.npmjs.org");
        assertThat(handed.get().egress().withPlatform("http://host.docker.internal:8080"))
                .first()
                .isEqualTo("host.docker.internal:8080");
    }

    @Test
    void aJobWhoseClankerWasDeactivatedFailsAsRunnerUnavailable() {
        UUID clanker = clanker(5);
        UUID id = enqueue(project(), clanker);
        new ClankerSwitch(jdbi, clock).deactivate(clanker);

        dispatcher(settings(10, 5), clock, true);

        await().atMost(Duration.ofSeconds(10)).until(() -> job(id).status().isTerminal());
        assertThat(job(id).failureCode()).isEqualTo("AGENT_RUNNER_UNAVAILABLE");
    }

    @Test
    void backoffDoublesUpToTheCapAndHonoursRetryAfter() {
        Dispatcher dispatcher = dispatcher(settings(10, 5), clock, false);

        assertThat(dispatcher.backoff(1, Duration.ZERO)).isEqualTo(Duration.ofMillis(10));
        assertThat(dispatcher.backoff(3, Duration.ZERO)).isEqualTo(Duration.ofMillis(40));
        assertThat(dispatcher.backoff(9, Duration.ZERO)).isEqualTo(Duration.ofMillis(50));
        assertThat(dispatcher.backoff(1, Duration.ofSeconds(15))).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void sweepersFailSilentNeverStartedAndOverdueJobsAndReleaseDeadClaims() {
        MutableClock time = new MutableClock(Instant.now());
        UUID project = project();
        UUID clanker = clanker(20);
        DispatchSettings settings = settings(100, 20);
        UUID silent = enqueue(project, clanker);
        UUID neverStarted = enqueue(project, clanker);
        UUID overdue = enqueue(project, clanker);
        UUID healthy = enqueue(project, clanker);
        Map<String, String> tokens = new ConcurrentHashMap<>();
        invoker.onInvoke(dispatch ->
                tokens.put(dispatch.invocation().jobId(), dispatch.invocation().callbackToken()));
        Dispatcher dispatcher = dispatcher(settings, time, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> tokens.size() == 4);
        await().atMost(Duration.ofSeconds(5)).until(() -> job(healthy).dispatchedAt() != null);
        CallbackService timedCallbacks = new CallbackService(jdbi, time, lifecycle, List.of());
        for (UUID id : List.of(silent, overdue, healthy)) {
            timedCallbacks.bootstrap(new CallbackCredentials(id, tokens.get(id.toString()), null));
        }
        JobSweeper sweeper = new JobSweeper(jdbi, time, settings, lifecycle, List.of(), dispatcher);

        time.advance(Duration.ofMinutes(4));
        timedCallbacks.progress(
                new CallbackCredentials(healthy, tokens.get(healthy.toString()), null),
                new io.viberglass.common.job.ProgressUpdate("heartbeat", "alive", null));
        timedCallbacks.progress(
                new CallbackCredentials(overdue, tokens.get(overdue.toString()), null),
                new io.viberglass.common.job.ProgressUpdate("heartbeat", "alive", null));
        assertThat(sweeper.sweep()).isEqualTo(new JobSweeper.Sweep(0, 0, 0, 0, 0));

        time.advance(Duration.ofMinutes(2));
        JobSweeper.Sweep sweep = sweeper.sweep();

        assertThat(sweep.silent()).isEqualTo(1);
        assertThat(job(silent).failureCode()).isEqualTo("HEARTBEAT_TIMEOUT");
        assertThat(job(healthy).status()).isEqualTo(io.viberglass.common.job.JobStatus.ACTIVE);
        assertThat(invoker.cancelled).contains("exec-" + silent);

        time.advance(Duration.ofMinutes(5));
        timedCallbacks.progress(
                new CallbackCredentials(overdue, tokens.get(overdue.toString()), null),
                new io.viberglass.common.job.ProgressUpdate("heartbeat", "alive", null));
        timedCallbacks.progress(
                new CallbackCredentials(healthy, tokens.get(healthy.toString()), null),
                new io.viberglass.common.job.ProgressUpdate("heartbeat", "alive", null));
        assertThat(sweeper.sweep().neverStarted()).isEqualTo(1);
        assertThat(job(neverStarted).failureCode()).isEqualTo("INVOCATION_FAILED");

        time.advance(Duration.ofMinutes(50));
        for (UUID id : List.of(overdue, healthy)) {
            timedCallbacks.progress(
                    new CallbackCredentials(id, tokens.get(id.toString()), null),
                    new io.viberglass.common.job.ProgressUpdate("heartbeat", "alive", null));
        }
        assertThat(sweeper.sweep().overdue()).isEqualTo(2);
        assertThat(job(overdue).failureCode()).isEqualTo("ORPHANED");
    }

    @Test
    void aClaimOfADeadInstanceIsReleasedAndTheJobDispatchedAgain() {
        MutableClock time = new MutableClock(Instant.now());
        UUID id = enqueue(project(), clanker(5));
        jdbi.useHandle(h -> h.createUpdate("update jobs set claimed_at = :at, claimed_by = 'dead-replica', "
                        + "callback_token_hash = repeat('a', 64) where id = :id")
                .bind("at", time.instant())
                .bind("id", id)
                .execute());
        DispatchSettings settings = settings(10, 5);
        Dispatcher dispatcher = dispatcher(settings, time, true);
        JobSweeper sweeper = new JobSweeper(jdbi, time, settings, lifecycle, List.of(), dispatcher);

        time.advance(Duration.ofMinutes(3));
        assertThat(sweeper.sweep().releasedClaims()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> invoker.invocations.containsKey(id.toString()));
        assertThat(job(id).claimedBy()).isEqualTo(dispatcher.instance());
    }

    @Test
    void aClaimReleasedWhileItsWorkerStartsStopsThatWorkerAndTheJobIsDispatchedAgain() {
        MutableClock time = new MutableClock(Instant.now());
        UUID id = enqueue(project(), clanker(5));
        DispatchSettings settings = settings(10, 5);
        Dispatcher dispatcher = dispatcher(settings, time, false);
        JobSweeper sweeper = new JobSweeper(jdbi, time, settings, lifecycle, List.of(), dispatcher);
        List<String> tokens = new java.util.concurrent.CopyOnWriteArrayList<>();
        invoker.onInvoke(dispatch -> {
            tokens.add(dispatch.invocation().callbackToken());
            if (tokens.size() == 1) {
                // the runtime takes longer than the claim timeout to start this worker
                time.advance(Duration.ofMillis(settings.getClaimTimeout().toMilliseconds())
                        .plusSeconds(1));
                assertThat(sweeper.sweep().releasedClaims()).isEqualTo(1);
            }
        });
        dispatcher(settings, time, true);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> job(id).executionId() != null && !invoker.cancelled.isEmpty());
        assertThat(invoker.cancelled).containsExactly("exec-" + id);
        assertThat(job(id).executionId()).isEqualTo("exec-" + id + "#2");
        assertThat(tokens).hasSize(2).doesNotHaveDuplicates();
        assertThatThrownBy(() -> callbacks.bootstrap(new CallbackCredentials(id, tokens.get(0), null)))
                .as("the abandoned worker's token")
                .isInstanceOf(io.viberglass.platform.infra.errors.DomainException.class);
        assertThat(callbacks
                        .bootstrap(new CallbackCredentials(id, tokens.get(1), null))
                        .jobId())
                .isEqualTo(id.toString());
        assertThat(job(id).status()).isEqualTo(io.viberglass.common.job.JobStatus.ACTIVE);
    }
}
