package io.viberglass.platform.jobs;

/**
 * How many jobs are in each state.
 *
 * @param waiting queued and not yet handed to a worker
 * @param dispatching handed to an invoker, the worker has not started yet
 */
public record QueueStats(
        long waiting, long dispatching, long active, long completed, long failed, long cancelled, long total) {}
