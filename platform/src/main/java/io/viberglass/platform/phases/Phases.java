package io.viberglass.platform.phases;

import io.dropwizard.jersey.setup.JerseyEnvironment;

/** Wires the phases feature's resources. */
public final class Phases {
    private Phases() {}

    public static void register(
            JerseyEnvironment jersey,
            WorkflowService workflow,
            DocumentService documents,
            ApprovalService approvals,
            CommentService comments,
            PhaseRunService runs) {
        jersey.register(new WorkflowResource(workflow));
        jersey.register(new PhaseDocumentsResource(documents, approvals, runs));
        jersey.register(new PhaseCommentsResource(comments));
        jersey.register(new PhaseRunsResource(runs));
    }
}
