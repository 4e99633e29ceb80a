package io.viberglass.common.job;

/** Header names and paths of the worker → platform callback API. */
public final class Callbacks {
    private Callbacks() {}

    public static final String TOKEN_HEADER = "X-Callback-Token";
    public static final String TENANT_HEADER = "X-Tenant-Id";
    /** The one-time token of {@link #secretBundlePath}; never the callback token. */
    public static final String BUNDLE_TOKEN_HEADER = "X-Secret-Bundle-Token";

    /**
     * Response header on every callback answer: {@code true} once the job was cancelled on the platform, so the worker
     * stops its agent at the next callback it makes.
     */
    public static final String CANCELLED_HEADER = "X-Job-Cancelled";

    public static String bootstrapPath(String jobId) {
        return "/api/jobs/" + jobId + "/bootstrap";
    }

    /** {@code POST}: hands out the job's {@link SecretBundle} once per dispatch. */
    public static String secretBundlePath(String jobId) {
        return "/api/jobs/" + jobId + "/secret-bundle";
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
