package io.viberglass.viberator;

import io.viberglass.common.job.RunOutcome;

/** Ends a run early with a classified outcome; the runner turns it into a failed {@code JobResult}. */
final class RunFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final RunOutcome outcome;

    RunFailure(RunOutcome outcome, String message) {
        this(outcome, message, null);
    }

    RunFailure(RunOutcome outcome, String message, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
    }

    RunOutcome outcome() {
        return outcome;
    }
}
