package io.viberglass.platform.dispatch;

import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.DeploymentStrategy;
import java.util.List;
import java.util.Map;

/**
 * Starts workers on one kind of runtime. An invoker only starts and stops: the worker then fetches its payload and
 * reports back over HTTP, so nothing about a run lives in the invoker.
 */
public interface WorkerInvoker {
    DeploymentStrategy strategy();

    /**
     * Starts a worker for the job.
     *
     * @return the runtime's id for it (container id, task ARN, request id, process id), used to stop it
     */
    String invoke(Dispatch dispatch) throws InvocationException;

    /**
     * The platform's address as this runtime's workers for {@code clanker} reach it, given the address configured for
     * the strategy. The worker is told this one, and so is everything else it will call back on the platform (the
     * model broker's endpoint): a Docker worker on a bridge network reaches a platform on {@code localhost} as
     * {@code host.docker.internal}, and an endpoint still naming {@code localhost} would point inside its container.
     */
    default String platformUrl(Clanker clanker, String configured) {
        return configured;
    }

    /** Stops the worker if it still runs; best effort, never throws for a worker that is already gone. */
    void cancel(Clanker clanker, String executionId);

    /**
     * Which of these executions ended, and how. Executions still running, or whose state the runtime cannot tell, are
     * left out; the sweeper fails the jobs of the rest. Best effort: a runtime that cannot be asked answers nothing.
     */
    default Map<String, ExecutionEnd> ended(Clanker clanker, List<String> executionIds) {
        return Map.of();
    }
}
