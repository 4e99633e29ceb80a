package io.viberglass.platform.dispatch;

import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.jobs.Job;
import java.util.Map;

/** Finds the values of the credentials a job names, at the last moment before a worker starts. */
public interface CredentialResolver {
    Map<String, SecretValue> resolve(Job job);
}
