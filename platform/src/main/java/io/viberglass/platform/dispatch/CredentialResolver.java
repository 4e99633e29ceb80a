package io.viberglass.platform.dispatch;

import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.jobs.Job;
import java.util.Map;

/** Finds the values of the credentials a job names, at the last moment before a worker starts. */
public interface CredentialResolver {
    Map<String, SecretValue> resolve(Job job);

    /**
     * Where those of the job's credentials that live in AWS SSM are: credential name → parameter name. ECS and Lambda
     * workers read them there themselves, so only names travel.
     */
    default Map<String, String> ssmParameters(Job job) {
        return Map.of();
    }
}
