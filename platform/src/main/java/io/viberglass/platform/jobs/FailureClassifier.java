package io.viberglass.platform.jobs;

import io.viberglass.common.job.FailureCode;
import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.RunOutcome;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a failed run into a {@link JobFailure}. The worker's outcome decides when it names a specific cause; a
 * generic failure is classified from its message (credentials, quota, runner, repository), as upstream did.
 */
public final class FailureClassifier {
    private record Rule(Pattern pattern, FailureCode code) {}

    private static final List<Rule> RULES = List.of(
            new Rule(
                    Pattern.compile("(?i)(expired|invalid) (token|credential)|bad credentials|unauthori[sz]ed|"
                            + "authentication failed|401\\b"),
                    FailureCode.SCM_CREDENTIAL_INVALID),
            new Rule(
                    Pattern.compile("(?i)quota|rate.?limit|credits|usage limit|insufficient.?funds|429\\b"),
                    FailureCode.AGENT_QUOTA_EXHAUSTED),
            new Rule(
                    Pattern.compile("(?i)no active (clanker|runner|worker)|worker invocation|not available"),
                    FailureCode.AGENT_RUNNER_UNAVAILABLE),
            new Rule(
                    Pattern.compile("(?i)clone|repository not found|could not read from remote|permission denied|"
                            + "remote branch .* not found"),
                    FailureCode.REPOSITORY_ACCESS_FAILED));

    private FailureClassifier() {}

    public static JobFailure classify(JobResult result) {
        RunOutcome outcome = result.outcome();
        String detail = result.errorMessage() == null ? outcome.wire() : result.errorMessage();
        FailureCode code = outcome.failureCode();
        if (code == null || code == FailureCode.RUN_FAILED || code == FailureCode.AGENT_FAILED) {
            FailureCode fromText = fromMessage(detail);
            if (fromText != null) {
                code = fromText;
            }
        }
        return JobFailure.of(code == null ? FailureCode.RUN_FAILED : code, detail);
    }

    /** A failure the platform itself saw (invocation, sweepers), classified from its message. */
    public static JobFailure classify(FailureCode fallback, String message) {
        FailureCode fromText = fallback == FailureCode.INVOCATION_FAILED ? null : fromMessage(message);
        return JobFailure.of(fromText == null ? fallback : fromText, message);
    }

    static FailureCode fromMessage(String message) {
        if (message == null) {
            return null;
        }
        for (Rule rule : RULES) {
            if (rule.pattern().matcher(message).find()) {
                return rule.code();
            }
        }
        return null;
    }
}
