package io.viberglass.viberator.client;

import io.viberglass.common.job.JobStatus;
import java.time.Instant;
import java.util.UUID;

/** A research or planning phase of a ticket: its document and its newest run. */
public record PhaseState(Document document, Run latestRun) {

    /** The research document or the plan; an empty draft before the first run. */
    public record Document(
            UUID ticketId,
            String phase,
            String content,
            int revision,
            String approvalState,
            Instant approvedAt,
            String approvedBy,
            Instant updatedAt) {
        public boolean isApproved() {
            return "approved".equals(approvalState);
        }

        public boolean isEmpty() {
            return content == null || content.isBlank();
        }
    }

    /** The newest run of the phase. */
    public record Run(UUID jobId, JobStatus status, String clankerName, Instant createdAt, Instant finishedAt) {}
}
