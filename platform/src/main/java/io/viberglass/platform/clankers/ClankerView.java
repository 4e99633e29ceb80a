package io.viberglass.platform.clankers;

import io.viberglass.common.job.AgentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A clanker as the API shows it, with what its strategy still needs. */
public record ClankerView(
        UUID id,
        String name,
        String slug,
        String description,
        AgentType agent,
        Map<String, String> agentOptions,
        DeploymentStrategy deploymentStrategy,
        Map<String, Object> deploymentConfig,
        Integer concurrencyLimit,
        ClankerStatus status,
        String statusMessage,
        List<String> missingConfiguration,
        List<ClankerDao.SecretRef> secrets,
        Instant createdAt,
        Instant updatedAt) {

    static ClankerView of(Clanker clanker, List<ClankerDao.SecretRef> secrets) {
        return new ClankerView(
                clanker.id(),
                clanker.name(),
                clanker.slug(),
                clanker.description(),
                clanker.agent(),
                clanker.agentOptions(),
                clanker.deploymentStrategy(),
                clanker.deploymentConfig(),
                clanker.concurrencyLimit(),
                clanker.status(),
                clanker.statusMessage(),
                DeploymentConfigRules.problems(clanker.deploymentStrategy(), clanker.deploymentConfig()).stream()
                        .map(problem -> problem.field())
                        .toList(),
                secrets,
                clanker.createdAt(),
                clanker.updatedAt());
    }
}
