package io.viberglass.platform.clankers;

import io.viberglass.common.job.AgentType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * Create or update a clanker. On create, {@code name}, {@code agent} and {@code deploymentStrategy} are required; on
 * update, absent fields are kept.
 */
public record ClankerRequest(
        @Size(min = 1, max = 255) String name,
        @Size(max = 5000) String description,
        AgentType agent,
        @Size(max = 50) Map<@Size(min = 1, max = 100) String, @Size(max = 2000) String> agentOptions,
        DeploymentStrategy deploymentStrategy,
        @Size(max = 100) Map<@Size(min = 1, max = 100) String, Object> deploymentConfig,
        @Min(1) @Max(1000) Integer concurrencyLimit) {}
