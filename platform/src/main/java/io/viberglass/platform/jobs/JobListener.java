package io.viberglass.platform.jobs;

import io.viberglass.common.job.JobResult;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Reacts to job transitions inside the transaction that made them (ticket status, phase documents, the feedback
 * outbox), so a job never finishes without its effects, and the effects never happen for a job that did not finish.
 */
public interface JobListener {
    default void onStarted(Handle handle, Job job, Instant now) {}

    /** The job completed; {@code job} is the row before the transition. */
    default void onCompleted(Handle handle, Job job, JobResult result, Instant now) {}

    /** The job failed or was cancelled; {@code result} is the worker's, when it sent one. */
    default void onFailed(Handle handle, Job job, JobFailure failure, JobResult result, Instant now) {}
}
