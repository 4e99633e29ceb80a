package io.viberglass.viberator;

import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.RepositorySpec;
import io.viberglass.common.security.SecretValue;
import io.viberglass.viberator.agent.AgentHarness;
import io.viberglass.viberator.credentials.Credentials;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The credentials of one run, sorted by who may see them: the SCM token stays with the worker (git transport and the
 * pull-request API), the model API key goes to the harness, other required credentials are exported to the agent under
 * their own names.
 */
record JobCredentials(
        Credentials all,
        Optional<SecretValue> scmToken,
        Optional<SecretValue> apiKey,
        String endpoint,
        Map<String, String> forAgent,
        List<String> missing) {

    static JobCredentials resolve(JobPayload payload, AgentHarness harness, RunContext context) {
        List<String> scmNames = scmNames(payload.repository());
        Set<String> names = new LinkedHashSet<>(payload.requiredCredentials());
        names.addAll(harness.apiKeyNames());
        names.addAll(scmNames);
        Credentials resolved = context.credentials().resolve(names);
        Map<String, SecretValue> values = new LinkedHashMap<>();
        resolved.names().forEach(name -> resolved.get(name).ifPresent(value -> values.put(name, value)));
        values.putAll(handedOver(payload));
        Credentials all = new Credentials(values);

        Map<String, String> forAgent = new LinkedHashMap<>();
        for (String name : payload.requiredCredentials()) {
            if (!scmNames.contains(name)) {
                all.get(name).ifPresent(value -> forAgent.put(name, value.reveal()));
            }
        }
        return new JobCredentials(
                all,
                all.first(scmNames),
                all.first(harness.apiKeyNames()),
                endpoint(payload, harness, context),
                forAgent,
                context.credentials().missing(payload.requiredCredentials(), all));
    }

    /**
     * What the platform handed over in the payload fetch (the broker's proxy token for ECS and Lambda workers); it
     * replaces a value of the same name from the runtime, which would be stale or absent.
     */
    private static Map<String, SecretValue> handedOver(JobPayload payload) {
        Map<String, SecretValue> values = new LinkedHashMap<>();
        payload.agent().credentials().forEach((name, value) -> values.put(name, SecretValue.of(value)));
        return values;
    }

    /** The credential holding the SCM token: the payload's name, else the provider's customary variables. */
    static List<String> scmNames(RepositorySpec repository) {
        if (repository.credentialName() != null && !repository.credentialName().isBlank()) {
            return List.of(repository.credentialName());
        }
        return switch (repository.provider()) {
            case GITHUB -> List.of("GITHUB_TOKEN", "GH_TOKEN");
            case GITLAB -> List.of("GITLAB_TOKEN");
            case BITBUCKET -> List.of("BITBUCKET_TOKEN");
            case GIT -> List.of("GIT_TOKEN");
        };
    }

    private static String endpoint(JobPayload payload, AgentHarness harness, RunContext context) {
        String given = payload.agent().endpoint();
        if (given != null && !given.isBlank()) {
            return given;
        }
        for (String name : harness.endpointNames()) {
            String value = context.environment().get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "JobCredentials" + all.names();
    }
}
