package io.viberglass.lambda;

import java.time.Duration;

/**
 * How long the agent may run inside one Lambda invocation: what the payload allows, but never past the function's
 * remaining time minus a margin for cloning before and pushing, opening the pull request and reporting after.
 *
 * @param margin time kept back from the remaining time
 * @param minimum below this the job is not started at all (the function's timeout is too short for it)
 */
record TimeBudget(Duration margin, Duration minimum) {
    /** The agent's limit in seconds, or 0 when the remaining time cannot fit a useful run. */
    int agentSeconds(Duration remaining, int requestedSeconds) {
        long available = remaining.minus(margin).toSeconds();
        if (available < minimum.toSeconds()) {
            return 0;
        }
        return (int) Math.min(requestedSeconds, available);
    }
}
