package io.viberglass.platform.dispatch;

import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.DeploymentStrategy;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An invoker for dispatcher tests: counts invocations per job, can fail the first attempts, and hands each
 * invocation to a "worker" callback that plays the worker's part through the real callback service.
 */
final class RecordingInvoker implements WorkerInvoker {
    final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();
    final List<String> order = new CopyOnWriteArrayList<>();
    final List<String> cancelled = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> failuresLeft = new ConcurrentHashMap<>();
    private volatile boolean permanentFailure;
    private volatile Consumer<Dispatch> worker = dispatch -> {};
    private final DeploymentStrategy strategy;

    RecordingInvoker() {
        this(DeploymentStrategy.LOCAL);
    }

    RecordingInvoker(DeploymentStrategy strategy) {
        this.strategy = strategy;
    }

    void onInvoke(Consumer<Dispatch> worker) {
        this.worker = worker;
    }

    void failTransiently(UUID jobId, int times) {
        failuresLeft.put(jobId.toString(), times);
    }

    void failPermanently() {
        permanentFailure = true;
    }

    @Override
    public DeploymentStrategy strategy() {
        return strategy;
    }

    @Override
    public String invoke(Dispatch dispatch) throws InvocationException {
        String jobId = dispatch.job().id().toString();
        if (permanentFailure) {
            throw InvocationException.permanent("image not found", null);
        }
        Integer left = failuresLeft.get(jobId);
        if (left != null && left > 0) {
            failuresLeft.put(jobId, left - 1);
            throw InvocationException.retryable("engine busy", null);
        }
        int attempt =
                invocations.computeIfAbsent(jobId, id -> new AtomicInteger()).incrementAndGet();
        order.add(jobId);
        worker.accept(dispatch);
        return attempt == 1 ? "exec-" + jobId : "exec-" + jobId + "#" + attempt;
    }

    @Override
    public void cancel(Clanker clanker, String executionId) {
        cancelled.add(executionId);
    }
}
