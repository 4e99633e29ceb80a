package io.viberglass.platform.jobs;

import io.viberglass.common.job.JobStatus;
import java.util.UUID;

/**
 * What a callback answers: the job's status after the call. {@code cancelled} is also sent as the
 * {@code X-Job-Cancelled} header, which tells the worker to stop its agent.
 */
public record CallbackReply(UUID jobId, JobStatus status, Integer count) {
    public boolean cancelled() {
        return status == JobStatus.CANCELLED;
    }
}
