package io.viberglass.common.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.viberglass.common.security.SecretRedactor;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * The agent CLI to run.
 *
 * @param type which harness
 * @param model model name passed to the CLI, or {@code null} for the CLI's default
 * @param endpoint model API base URL (a proxy, a self-hosted gateway, the credential broker), or {@code null}
 * @param options harness-specific options such as {@code codexAuthMode}; never secret values
 * @param credentials credentials handed over in the payload fetch itself, by name: the credential broker's per-job
 *     proxy token for workers whose runtime delivers no values (ECS, Lambda). Never stored with the job, never the
 *     real model key; absent from the JSON when empty
 */
public record AgentSpec(
        @NotNull AgentType type,
        @Size(max = 200) String model,
        @Size(max = 2000) String endpoint,
        @Size(max = 50) Map<@Size(max = 100) String, @Size(max = 2000) String> options,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) @Size(max = 10)
                Map<@Size(max = 100) String, @Size(max = 500) String> credentials) {

    public AgentSpec {
        options = options == null ? Map.of() : Map.copyOf(options);
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
    }

    public AgentSpec(AgentType type, String model, String endpoint, Map<String, String> options) {
        this(type, model, endpoint, options, Map.of());
    }

    public static AgentSpec of(AgentType type) {
        return new AgentSpec(type, null, null, Map.of());
    }

    @Override
    public String toString() {
        return "AgentSpec[type=" + type + ", model=" + model + ", endpoint=" + endpoint + ", options=" + options
                + ", credentials=" + credentials.keySet() + "=" + SecretRedactor.MASK + "]";
    }
}
