package io.viberglass.viberator;

import io.viberglass.common.job.RunOutcome;
import io.viberglass.viberator.git.GitOperationException;

/** Maps classified git failures to run outcomes. */
final class GitOutcomes {
    private GitOutcomes() {}

    static RunOutcome of(GitOperationException.Kind kind) {
        return switch (kind) {
            case UNREACHABLE, BRANCH_MISSING -> RunOutcome.REPOSITORY_ACCESS_FAILED;
            case AUTH_FAILED -> RunOutcome.SCM_CREDENTIAL_INVALID;
            case PUSH_REJECTED -> RunOutcome.PUSH_REJECTED;
            case OTHER -> RunOutcome.INTERNAL_ERROR;
        };
    }
}
