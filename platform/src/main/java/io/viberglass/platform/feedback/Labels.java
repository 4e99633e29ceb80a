package io.viberglass.platform.feedback;

/** The outcome labels of a finished run: the one to add and the opposite one to remove. */
record Labels(String add, String remove) {
    static final String SUCCESS = "fix-submitted";
    static final String FAILURE = "fix-failed";

    /** Labels change only when a run ended, unless the target turned them off ({@code updateLabels: false}). */
    static boolean apply(Outgoing out) {
        return out.event().eventType() == FeedbackEventType.JOB_ENDED
                && out.target().flag("updateLabels", true);
    }

    static Labels of(Outgoing out) {
        String success = out.target().option("successLabel", SUCCESS);
        String failure = out.target().option("failureLabel", FAILURE);
        boolean succeeded = out.event().result() != null && out.event().result().success();
        return succeeded ? new Labels(success, failure) : new Labels(failure, success);
    }
}
