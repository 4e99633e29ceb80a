package io.viberglass.platform.phases;

import io.viberglass.common.job.JobResult;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.jobs.JobListener;
import io.viberglass.platform.tickets.WorkflowPhase;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A finished research or planning run's RESEARCH.md / PLAN.md becomes the next revision of the phase document. */
public class PhaseDocumentEffects implements JobListener {
    private static final Logger LOG = LoggerFactory.getLogger(PhaseDocumentEffects.class);

    private final DocumentService documents;

    public PhaseDocumentEffects(DocumentService documents) {
        this.documents = documents;
    }

    @Override
    public void onCompleted(Handle handle, Job job, JobResult result, Instant now) {
        if (job.ticketId() == null || job.kind().documentFile().isEmpty()) {
            return;
        }
        if (result.documentContent() == null) {
            LOG.warn(
                    "Job {} completed a {} run without document content",
                    job.id(),
                    job.kind().wire());
            return;
        }
        WorkflowPhase phase = WorkflowPhase.valueOf(job.kind().name());
        documents.save(
                handle,
                job.ticketId(),
                phase,
                result.documentContent(),
                DocumentService.Source.agent,
                "agent",
                job.id());
    }
}
