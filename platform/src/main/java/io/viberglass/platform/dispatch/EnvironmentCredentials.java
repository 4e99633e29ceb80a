package io.viberglass.platform.dispatch;

import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.jobs.Job;
import java.util.LinkedHashMap;
import java.util.Map;

/** Credentials from the platform's own environment: a variable named like the credential holds its value. */
public class EnvironmentCredentials implements CredentialResolver {
    private final Map<String, String> environment;

    public EnvironmentCredentials(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Map<String, SecretValue> resolve(Job job) {
        Map<String, SecretValue> values = new LinkedHashMap<>();
        for (String name : job.payload().requiredCredentials()) {
            String value = environment.get(name);
            if (value != null && !value.isEmpty()) {
                values.put(name, SecretValue.of(value));
            }
        }
        return values;
    }
}
