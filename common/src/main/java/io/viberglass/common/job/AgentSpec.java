package io.viberglass.common.job;

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
 */
public record AgentSpec(
        @NotNull AgentType type,
        @Size(max = 200) String model,
        @Size(max = 2000) String endpoint,
        @Size(max = 50) Map<@Size(max = 100) String, @Size(max = 2000) String> options) {

    public AgentSpec {
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public static AgentSpec of(AgentType type) {
        return new AgentSpec(type, null, null, Map.of());
    }
}
