package io.viberglass.viberator.cli;

import io.viberglass.common.job.JobStatus;
import io.viberglass.common.job.RunOutcome;
import io.viberglass.viberator.client.Job;
import io.viberglass.viberator.client.PlatformException;

/** The documented exit codes of {@code viberator} (see docs/worker.md). Stable: CI pipelines branch on them. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    /** picocli's own code for a bad command line. */
    public static final int USAGE = 2;

    public static final int CONFIG_INVALID = 3;
    public static final int AGENT_FAILED = 4;
    public static final int AGENT_NOT_INSTALLED = 5;
    public static final int TIMED_OUT = 6;
    public static final int CANCELLED = 7;
    public static final int GIT_ERROR = 8;
    public static final int PUSH_REJECTED = 9;
    public static final int PULL_REQUEST_FAILED = 10;
    public static final int NO_CHANGES = 11;
    public static final int DOCUMENT_MISSING = 12;
    /** The platform could not be reached (payload fetch, or any client command). */
    public static final int PLATFORM_UNREACHABLE = 13;

    // the platform client's outcomes (tickets run --wait, logs --follow, runs show, ...)
    /** The run ended failed on the platform. */
    public static final int RUN_FAILED = 14;
    /** The run cannot start until a person approves the plan. */
    public static final int NEEDS_APPROVAL = 15;
    /** No login, or the platform refused the API token (401/403). */
    public static final int AUTH_FAILED = 16;
    /** No such project, ticket, run or clanker. */
    public static final int NOT_FOUND = 17;
    /** The platform refused the request (400/409): a rule of the workflow or an invalid field. */
    public static final int REJECTED = 18;

    /** The platform code that means "approve the plan first". */
    public static final String UNAPPROVED_PLAN = "EXECUTION_BLOCKED_UNAPPROVED_PLAN";

    private ExitCodes() {}

    public static int of(RunOutcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> OK;
            case CONFIG_INVALID -> CONFIG_INVALID;
            case AGENT_FAILED -> AGENT_FAILED;
            case AGENT_NOT_INSTALLED -> AGENT_NOT_INSTALLED;
            case TIMED_OUT -> TIMED_OUT;
            case CANCELLED -> CANCELLED;
            case REPOSITORY_ACCESS_FAILED, SCM_CREDENTIAL_INVALID -> GIT_ERROR;
            case PUSH_REJECTED -> PUSH_REJECTED;
            case PULL_REQUEST_FAILED -> PULL_REQUEST_FAILED;
            case NO_CHANGES -> NO_CHANGES;
            case DOCUMENT_MISSING -> DOCUMENT_MISSING;
            case INTERNAL_ERROR -> INTERNAL_ERROR;
        };
    }

    /** A platform run as it stands: 0 completed (or still going), 14 failed, 6 timed out, 7 cancelled. */
    public static int of(Job job) {
        if (job.status() == JobStatus.FAILED) {
            return job.failure() != null && "AGENT_TIMEOUT".equals(job.failure().code()) ? TIMED_OUT : RUN_FAILED;
        }
        return job.status() == JobStatus.CANCELLED ? CANCELLED : OK;
    }

    public static int of(PlatformException error) {
        if (error instanceof PlatformException.AuthenticationFailed) {
            return AUTH_FAILED;
        }
        if (error instanceof PlatformException.NotFound) {
            return NOT_FOUND;
        }
        if (error instanceof PlatformException.Unreachable) {
            return PLATFORM_UNREACHABLE;
        }
        return UNAPPROVED_PLAN.equals(error.code()) ? NEEDS_APPROVAL : REJECTED;
    }
}
