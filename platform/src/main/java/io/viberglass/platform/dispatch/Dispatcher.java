package io.viberglass.platform.dispatch;

import io.dropwizard.lifecycle.Managed;
import io.viberglass.common.job.FailureCode;
import io.viberglass.common.job.WorkerInvocation;
import io.viberglass.common.security.Tokens;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.ClankerDao;
import io.viberglass.platform.clankers.ClankerStatus;
import io.viberglass.platform.egress.EgressPolicyService;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.jobs.FailureClassifier;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.jobs.JobDao;
import io.viberglass.platform.jobs.JobFailure;
import io.viberglass.platform.jobs.JobLifecycle;
import io.viberglass.platform.jobs.JobListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns queued jobs into running workers. Each pass claims what fits the concurrency pools (under a cluster-wide
 * advisory lock, so two replicas never count the same free slot twice), mints a fresh callback token per claim, and
 * hands the job to its clanker's invoker on a worker thread. A worker becomes {@code active} only when it fetches its
 * payload with that token, so a job invoked twice (a replica died between invoking and recording) still runs once.
 */
public class Dispatcher implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int BATCH = 50;

    private final Jdbi jdbi;
    private final Clock clock;
    private final DispatchSettings settings;
    private final Invokers invokers;
    private final CredentialResolver credentials;
    private final CredentialBroker broker;
    private final JobLifecycle lifecycle;
    private final List<JobListener> listeners;
    private final PlatformUrls urls;
    private final DispatchSignal signal;
    private final Tokens tokens = new Tokens();
    private final String instance;
    private ExecutorService invocations;
    private Thread loop;
    private volatile boolean running;

    public Dispatcher(
            Jdbi jdbi,
            Clock clock,
            DispatchSettings settings,
            Invokers invokers,
            CredentialResolver credentials,
            JobLifecycle lifecycle,
            List<JobListener> listeners,
            PlatformUrls urls,
            DispatchSignal signal,
            String instance) {
        this(
                jdbi,
                clock,
                settings,
                invokers,
                credentials,
                CredentialBroker.NONE,
                lifecycle,
                listeners,
                urls,
                signal,
                instance);
    }

    public Dispatcher(
            Jdbi jdbi,
            Clock clock,
            DispatchSettings settings,
            Invokers invokers,
            CredentialResolver credentials,
            CredentialBroker broker,
            JobLifecycle lifecycle,
            List<JobListener> listeners,
            PlatformUrls urls,
            DispatchSignal signal,
            String instance) {
        this.broker = broker;
        this.jdbi = jdbi;
        this.clock = clock;
        this.settings = settings;
        this.invokers = invokers;
        this.credentials = credentials;
        this.lifecycle = lifecycle;
        this.listeners = List.copyOf(listeners);
        this.urls = urls;
        this.signal = signal;
        this.instance = instance;
    }

    @Override
    public void start() {
        invocations = Executors.newFixedThreadPool(settings.getInvokerThreads(), runnable -> {
            Thread thread = new Thread(runnable, "invoker");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        loop = new Thread(this::run, "dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        signal.wake();
        if (loop != null) {
            loop.join(5_000);
        }
        if (invocations != null) {
            invocations.shutdown();
            invocations.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private void run() {
        long pollMillis = settings.getPollInterval().toMilliseconds();
        while (running) {
            try {
                int claimed = dispatchOnce();
                if (claimed < BATCH) {
                    signal.await(pollMillis);
                }
            } catch (RuntimeException e) {
                // a database outage must not kill the loop; it resumes when PostgreSQL is back
                LOG.warn("Dispatch pass failed: {}", e.getMessage());
                signal.await(pollMillis);
            }
        }
    }

    /** One pass: claims what fits and starts invoking it. Returns how many jobs were claimed. */
    public int dispatchOnce() {
        List<Claim> claims = claim();
        for (Claim claim : claims) {
            invocations.execute(() -> invoke(claim));
        }
        return claims.size();
    }

    private record Claim(UUID jobId, String token) {}

    private List<Claim> claim() {
        return jdbi.inTransaction(handle -> {
            DispatchDao dao = handle.attach(DispatchDao.class);
            if (!dao.tryClaimLock()) {
                return List.<Claim>of();
            }
            Instant now = clock.instant();
            List<Claim> claims = new ArrayList<>();
            for (UUID id :
                    dao.claimable(now, settings.getDefaultClankerLimit(), settings.getPerProjectLimit(), BATCH)) {
                String token = tokens.randomHex(32);
                if (dao.claim(id, instance, Tokens.sha256Hex(token), now) == 1) {
                    claims.add(new Claim(id, token));
                }
            }
            return claims;
        });
    }

    private void invoke(Claim claim) {
        Optional<Job> found = jdbi.withExtension(JobDao.class, dao -> dao.find(claim.jobId()));
        if (found.isEmpty() || found.get().status().isTerminal()) {
            return; // cancelled or deleted while waiting for a thread
        }
        Job job = found.get();
        Clanker clanker = job.clankerId() == null
                ? null
                : jdbi.withExtension(ClankerDao.class, dao -> dao.find(job.clankerId()))
                        .orElse(null);
        if (clanker == null || clanker.status() != ClankerStatus.ACTIVE) {
            fail(
                    job,
                    FailureClassifier.classify(
                            FailureCode.AGENT_RUNNER_UNAVAILABLE,
                            clanker == null
                                    ? "The job's clanker no longer exists"
                                    : "Clanker " + clanker.name() + " is "
                                            + clanker.status().wire()));
            return;
        }
        Optional<WorkerInvoker> invoker = invokers.forStrategy(clanker.deploymentStrategy());
        if (invoker.isEmpty()) {
            fail(
                    job,
                    FailureClassifier.classify(
                            FailureCode.AGENT_RUNNER_UNAVAILABLE,
                            "No invoker is configured for " + "the "
                                    + clanker.deploymentStrategy().wire() + " strategy on this platform"));
            return;
        }
        EgressPlan egress = EgressPlan.of(
                EgressPolicyService.policyOf(jdbi, clanker.id()), job.payload().repository());
        if (egress.restricted() && !EgressPolicyService.ENFORCING.contains(clanker.deploymentStrategy())) {
            // fail closed: a policy set before the clanker moved to a runtime that cannot hold its workers to it
            fail(
                    job,
                    FailureClassifier.classify(
                            FailureCode.CONFIG_INVALID,
                            "The clanker's egress policy is " + egress.mode().wire() + ", which "
                                    + clanker.deploymentStrategy().wire() + " workers cannot enforce"));
            return;
        }
        WorkerInvocation invocation = new WorkerInvocation(
                job.id().toString(),
                invoker.get().platformUrl(clanker, urls.forStrategy(clanker.deploymentStrategy())),
                job.tenantId(),
                claim.token());
        Map<String, io.viberglass.common.security.SecretValue> values;
        Map<String, String> ssmParameters;
        try {
            values = broker.exchange(job, clanker, invocation.platformApiUrl(), credentials.resolve(job));
            // what the broker withheld (a model key whose token the worker fetches) must not be named for SSM either
            ssmParameters = new java.util.LinkedHashMap<>(credentials.ssmParameters(job));
            ssmParameters.keySet().retainAll(values.keySet());
        } catch (DomainException e) {
            // a missing variable or parameter does not come back by retrying; the message names it, never a value
            fail(
                    job,
                    FailureClassifier.classify(
                            FailureCode.CONFIG_INVALID,
                            "The job's credentials could not be " + "read: " + e.getMessage()));
            return;
        }
        try {
            String executionId =
                    invoker.get().invoke(new Dispatch(job, clanker, invocation, values, ssmParameters, egress));
            if (!recordDispatch(job, clanker, claim, executionId)) {
                abandon(job, clanker, invoker.get(), executionId);
            }
        } catch (InvocationException e) {
            handleFailure(job, e.isTransient(), e.getMessage(), e.retryAfter());
        } catch (RuntimeException e) {
            LOG.warn(
                    "Invoker {} failed unexpectedly for job {}",
                    clanker.deploymentStrategy().wire(),
                    job.id(),
                    e);
            handleFailure(job, true, e.getClass().getSimpleName() + ": " + e.getMessage(), Duration.ZERO);
        }
    }

    /**
     * Records the started worker against the claim it was started for. The claim is the job row still holding this
     * instance's name and this claim's token hash: if the sweeper released it while the runtime was slow to start the
     * worker (and perhaps another dispatch claimed it again), or the job was cancelled meanwhile, nothing is recorded.
     */
    private boolean recordDispatch(Job job, Clanker clanker, Claim claim, String executionId) {
        return jdbi.inTransaction(handle -> {
            Instant now = clock.instant();
            if (handle.attach(DispatchDao.class)
                            .recordDispatch(
                                    job.id(),
                                    instance,
                                    Tokens.sha256Hex(claim.token()),
                                    clanker.deploymentStrategy().wire(),
                                    executionId,
                                    now)
                    != 1) {
                return false;
            }
            lifecycle.progress(
                    handle,
                    job.id(),
                    "dispatched",
                    "Worker invoked",
                    Map.of("invoker", clanker.deploymentStrategy().wire(), "executionId", executionId),
                    now);
            return true;
        });
    }

    /**
     * A worker started for a claim this dispatcher no longer holds carries a token the platform has forgotten: it
     * could only fail on its first callback. Stopping it at once frees its slot; the job itself is queued again (or
     * already re-dispatched, or cancelled) through its current claim.
     */
    private void abandon(Job job, Clanker clanker, WorkerInvoker invoker, String executionId) {
        LOG.warn(
                "Lost the claim on job {} while its worker started (claim timeout {}); stopping execution {}",
                job.id(),
                settings.getClaimTimeout(),
                executionId);
        invoker.cancel(clanker, executionId);
    }

    private void handleFailure(Job job, boolean transientFailure, String message, Duration retryAfter) {
        int attempts = job.invocationAttempts() + 1;
        if (!transientFailure || attempts >= settings.getMaxInvocationAttempts()) {
            String detail = transientFailure
                    ? "Worker invocation failed after " + attempts + " attempts: " + message
                    : "Worker invocation failed: " + message;
            fail(job, FailureClassifier.classify(FailureCode.INVOCATION_FAILED, detail));
            return;
        }
        Duration delay = backoff(attempts, retryAfter);
        jdbi.useTransaction(handle -> {
            Instant now = clock.instant();
            if (handle.attach(DispatchDao.class).release(job.id(), instance, now.plus(delay), now) == 1) {
                lifecycle.progress(
                        handle,
                        job.id(),
                        "dispatch-retry",
                        "Worker invocation failed; retrying in " + delay.toMillis() + " ms",
                        Map.of("attempt", attempts, "error", message),
                        now);
            }
        });
    }

    /** Exponential back-off: base × 2^(attempt−1), capped, and never shorter than the runtime asked for. */
    Duration backoff(int attempt, Duration retryAfter) {
        long base = settings.getRetryBackoff().toMilliseconds();
        long capped = Math.min(settings.getMaxRetryBackoff().toMilliseconds(), base << Math.min(attempt - 1, 20));
        return Duration.ofMillis(Math.max(capped, retryAfter.toMillis()));
    }

    private void fail(Job job, JobFailure failure) {
        try {
            jdbi.useTransaction(handle -> {
                Instant now = clock.instant();
                Job current =
                        handle.attach(JobDao.class).findForUpdate(job.id()).orElseThrow();
                lifecycle.fail(handle, current, failure, null, now);
                listeners.forEach(listener -> listener.onFailed(handle, current, failure, null, now));
            });
        } catch (DomainException e) {
            LOG.debug("Job {} finished before its dispatch failure was recorded: {}", job.id(), e.getMessage());
        }
    }

    /** Stops the runtime running a job, if it was handed to one; best effort. */
    public void stopExecution(UUID jobId) {
        jdbi.withExtension(DispatchDao.class, dao -> dao.execution(jobId)).ifPresent(execution -> {
            if (execution.executionId() == null || execution.clankerId() == null) {
                return;
            }
            jdbi.withExtension(ClankerDao.class, dao -> dao.find(execution.clankerId()))
                    .ifPresent(clanker -> invokers.forStrategy(clanker.deploymentStrategy())
                            .ifPresent(invoker -> {
                                try {
                                    invoker.cancel(clanker, execution.executionId());
                                } catch (RuntimeException e) {
                                    LOG.warn(
                                            "Could not stop execution {} of job {}: {}",
                                            execution.executionId(),
                                            jobId,
                                            e.getMessage());
                                }
                            }));
        });
    }

    /**
     * Of these executions, those whose runtime says the worker ended (an ECS task that stopped, a container that is
     * gone), by job id. Runtimes that cannot tell answer nothing.
     */
    public Map<UUID, ExecutionEnd> endedExecutions(List<DispatchDao.Execution> executions) {
        Map<UUID, List<DispatchDao.Execution>> byClanker = new java.util.HashMap<>();
        executions.forEach(execution -> byClanker
                .computeIfAbsent(execution.clankerId(), id -> new ArrayList<>())
                .add(execution));
        Map<UUID, ExecutionEnd> ended = new java.util.HashMap<>();
        byClanker.forEach((clankerId, ofClanker) -> jdbi.withExtension(ClankerDao.class, dao -> dao.find(clankerId))
                .ifPresent(clanker -> ended.putAll(endedOf(clanker, ofClanker))));
        return ended;
    }

    /** Asks the clanker's runtime about the executions it started (not those of a strategy it had before). */
    private Map<UUID, ExecutionEnd> endedOf(Clanker clanker, List<DispatchDao.Execution> executions) {
        Optional<WorkerInvoker> invoker = invokers.forStrategy(clanker.deploymentStrategy());
        Map<String, UUID> jobs = new java.util.LinkedHashMap<>();
        executions.stream()
                .filter(execution -> clanker.deploymentStrategy().wire().equals(execution.invoker()))
                .forEach(execution -> jobs.put(execution.executionId(), execution.id()));
        Map<UUID, ExecutionEnd> ended = new java.util.HashMap<>();
        if (invoker.isEmpty() || jobs.isEmpty()) {
            return ended;
        }
        try {
            invoker.get().ended(clanker, List.copyOf(jobs.keySet())).forEach((executionId, end) -> {
                if (jobs.containsKey(executionId)) {
                    ended.put(jobs.get(executionId), end);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn(
                    "Could not ask the {} runtime about its workers: {}",
                    clanker.deploymentStrategy().wire(),
                    e.getMessage());
        }
        return ended;
    }

    public String instance() {
        return instance;
    }
}
