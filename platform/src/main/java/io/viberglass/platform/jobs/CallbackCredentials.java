package io.viberglass.platform.jobs;

import java.util.UUID;

/**
 * What a worker callback presents instead of a user: the job it is for, the job's callback token and (optionally)
 * its tenant. {@link CallbackService#authenticate} is the one check of these, for job and session callbacks alike.
 */
public record CallbackCredentials(UUID jobId, String token, String tenant) {
    /** The reason every worker-callback resource gives for needing no signed-in user. */
    public static final String PUBLIC_REASON = "workers authenticate with the job's own X-Callback-Token and"
            + " X-Tenant-Id, checked in constant time by CallbackService.authenticate; user sessions and other jobs'"
            + " tokens are refused";
}
