package io.viberglass.common.job;

/** Header names and paths of the worker → platform callback API. */
public final class Callbacks {
    private Callbacks() {}

    public static final String TOKEN_HEADER = "X-Callback-Token";
    public static final String TENANT_HEADER = "X-Tenant-Id";

    /**
     * Response header on every callback answer: {@code true} once the job was cancelled on the platform, so the worker
     * stops its agent at the next callback it makes.
     */
    public static final String CANCELLED_HEADER = "X-Job-Cancelled";

    public static String bootstrapPath(String jobId) {
        return "/api/jobs/" + jobId + "/bootstrap";
    }

    public static String progressPath(String jobId) {
        return "/api/jobs/" + jobId + "/progress";
    }

    public static String logBatchPath(String jobId) {
        return "/api/jobs/" + jobId + "/logs/batch";
    }

    public static String resultPath(String jobId) {
        return "/api/jobs/" + jobId + "/result";
    }
}
