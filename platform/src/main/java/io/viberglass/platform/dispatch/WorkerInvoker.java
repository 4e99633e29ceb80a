package io.viberglass.platform.dispatch;

import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.DeploymentStrategy;
import java.util.Optional;

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

    /** Stops the worker if it still runs; best effort, never throws for a worker that is already gone. */
    void cancel(Clanker clanker, String executionId);

    /**
     * Asks the runtime whether a worker the platform still waits for has failed where it cannot report (the sweeper
     * calls this for dispatched and active jobs). Empty when it runs, when it cannot tell, or when this runtime cannot
     * be asked.
     */
    default Optional<RuntimeFailure> failure(Clanker clanker, String executionId) {
        return Optional.empty();
    }
}
