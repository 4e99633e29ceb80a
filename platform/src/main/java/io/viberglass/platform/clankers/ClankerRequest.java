package io.viberglass.platform.clankers;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.viberglass.common.job.AgentType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Create or update a clanker. On create, {@code name}, {@code agent} and {@code deploymentStrategy} are required; on
 * update, absent fields are kept. {@code instructionFiles} (upstream: {@code configFiles}) replaces the whole set when
 * present; files with blank content are left out.
 */
public record ClankerRequest(
        @Size(min = 1, max = 255) String name,
        @Size(max = 5000) String description,
        AgentType agent,
        @Size(max = 50) Map<@Size(min = 1, max = 100) String, @Size(max = 2000) String> agentOptions,
        DeploymentStrategy deploymentStrategy,
        @Size(max = 100) Map<@Size(min = 1, max = 100) String, Object> deploymentConfig,
        @Min(1) @Max(1000) Integer concurrencyLimit,
        @Size(max = 50) List<@NotNull UUID> secretIds,
        @JsonAlias("configFiles") List<@NotNull InstructionFileRequest> instructionFiles) {

    /** The secrets its workers receive (their values are delivered as files, never in the environment). */
    public ClankerRequest(
            String name,
            String description,
            AgentType agent,
            Map<String, String> agentOptions,
            DeploymentStrategy deploymentStrategy,
            Map<String, Object> deploymentConfig,
            Integer concurrencyLimit) {
        this(
                name,
                description,
                agent,
                agentOptions,
                deploymentStrategy,
                deploymentConfig,
                concurrencyLimit,
                null,
                null);
    }
}
