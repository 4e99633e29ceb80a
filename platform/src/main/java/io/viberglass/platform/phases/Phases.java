package io.viberglass.platform.phases;

import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.audit.AuditLog;

/** Wires the phases feature's resources. */
public final class Phases {
    private Phases() {}

    public static void register(
            JerseyEnvironment jersey,
            WorkflowService workflow,
            DocumentService documents,
            ApprovalService approvals,
            CommentService comments,
            PhaseRunService runs,
            ProjectAccess access,
            AuditLog audit) {
        jersey.register(new WorkflowResource(workflow, access, audit));
        jersey.register(new PhaseDocumentsResource(documents, approvals, runs, access, audit));
        jersey.register(new PhaseCommentsResource(comments, access));
        jersey.register(new PhaseRunsResource(runs, access));
    }
}
