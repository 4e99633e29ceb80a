package io.viberglass.platform.phases;

import io.viberglass.common.job.JobStatus;
import io.viberglass.platform.tickets.WorkflowPhase;
import java.time.Instant;
import java.util.UUID;

/** A research or planning run of a ticket, with its job's state and its clanker. */
public record PhaseRun(
        UUID id,
        WorkflowPhase phase,
        UUID jobId,
        JobStatus status,
        UUID clankerId,
        String clankerName,
        String clankerSlug,
        String revisionMessage,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {}
