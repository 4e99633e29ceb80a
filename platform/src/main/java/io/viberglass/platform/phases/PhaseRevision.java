package io.viberglass.platform.phases;

import io.viberglass.platform.tickets.WorkflowPhase;
import java.time.Instant;
import java.util.UUID;

/** An immutable snapshot of a phase document, written by an agent run or a person. */
public record PhaseRevision(
        UUID id,
        UUID documentId,
        WorkflowPhase phase,
        int number,
        String content,
        String source,
        String actor,
        UUID jobId,
        Instant createdAt) {}
