package io.viberglass.common.session;

/**
 * Paths of the worker → platform callbacks a session turn adds to {@link io.viberglass.common.job.Callbacks}; same
 * headers (callback token, tenant) and retry rules.
 */
public final class SessionCallbacks {
    private SessionCallbacks() {}

    /** Longest long-poll the platform holds a permission-decision request open. */
    public static final int MAX_WAIT_SECONDS = 30;

    /** Largest conversation-state archive the platform accepts. */
    public static final long MAX_STATE_BYTES = 50L * 1024 * 1024;

    public static final String STATE_MEDIA_TYPE = "application/gzip";

    /** POST a {@link SessionEventBatch}. */
    public static String eventsPath(String jobId) {
        return "/api/jobs/" + jobId + "/session-events/batch";
    }

    /** POST an {@link AcpSessionId}. */
    public static String acpSessionIdPath(String jobId) {
        return "/api/jobs/" + jobId + "/acp-session-id";
    }

    /**
     * PUT the turn's conversation-state archive (a gzipped tar of the agent's state directory, {@link
     * #STATE_MEDIA_TYPE}, at most {@link #MAX_STATE_BYTES}); GET the previous turn's archive when the payload says
     * {@link SessionTurn#restoreState()}.
     */
    public static String statePath(String jobId) {
        return "/api/jobs/" + jobId + "/session-state";
    }

    /** POST a {@link PermissionRequest}; answered by {@link PermissionRequestCreated}. */
    public static String permissionRequestsPath(String jobId) {
        return "/api/jobs/" + jobId + "/permission-requests";
    }

    /** GET a {@link PermissionDecision}, waiting up to {@code waitSeconds} (capped at {@link #MAX_WAIT_SECONDS}). */
    public static String permissionDecisionPath(String jobId, String requestId, int waitSeconds) {
        return permissionRequestsPath(jobId) + "/" + requestId + "?waitSeconds="
                + Math.min(Math.max(waitSeconds, 0), MAX_WAIT_SECONDS);
    }
}
