package io.viberglass.platform.dispatch;

import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.jobs.Job;
import java.util.Map;

/**
 * Exchanges credentials a worker must not hold for stand-ins it may hold, at dispatch: the model broker gives the
 * worker a per-job proxy token instead of the real model key.
 */
public interface CredentialBroker {
    CredentialBroker NONE = (job, clanker, platformUrl, resolved) -> resolved;

    /**
     * @param platformUrl the platform URL this worker reaches (loopback for local workers)
     * @param resolved the job's credentials as resolved from their stores
     * @return what the worker receives instead; {@code resolved} itself when nothing is exchanged
     */
    Map<String, SecretValue> exchange(Job job, Clanker clanker, String platformUrl, Map<String, SecretValue> resolved);
}
