package io.viberglass.viberator.cli;

import io.viberglass.common.job.RunOutcome;

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
    /** The platform could not be reached to fetch the payload. */
    public static final int PLATFORM_UNREACHABLE = 13;

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
}
