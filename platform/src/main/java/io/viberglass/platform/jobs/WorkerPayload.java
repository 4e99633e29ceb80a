package io.viberglass.platform.jobs;

import io.viberglass.common.job.JobPayload;
import org.jdbi.v3.core.Handle;

/**
 * The payload a worker fetches, which may differ from the stored one by what only this dispatch knows (the model
 * broker points the agent at its proxy).
 */
public interface WorkerPayload {
    WorkerPayload STORED = (handle, job) -> job.payload();

    JobPayload of(Handle handle, Job job);
}
