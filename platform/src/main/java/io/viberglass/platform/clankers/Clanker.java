package io.viberglass.platform.clankers;

import io.viberglass.common.job.AgentType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.json.Json;

/**
 * A row of {@code clankers}: an agent runner configuration (which agent, with which options, running where, how many
 * at once).
 *
 * @param agentOptions harness options such as {@code model} or {@code endpoint}; never secret values
 * @param deploymentConfig strategy settings such as {@code image} (docker) or {@code functionName} (lambda)
 * @param concurrencyLimit most runs at once; {@code null} means no limit of its own
 */
public record Clanker(
        UUID id,
        String name,
        String slug,
        String description,
        AgentType agent,
        @Json Map<String, String> agentOptions,
        DeploymentStrategy deploymentStrategy,
        @Json Map<String, Object> deploymentConfig,
        Integer concurrencyLimit,
        ClankerStatus status,
        String statusMessage,
        Instant createdAt,
        Instant updatedAt) {}
