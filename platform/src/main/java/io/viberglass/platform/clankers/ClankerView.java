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
        List<FileSummary> instructionFiles,
        Provisioning provisioning,
        Instant createdAt,
        Instant updatedAt) {

    /** An instruction file without its content (read it at {@code /clankers/{id}/instruction-files/{path}}). */
    public record FileSummary(String path, int sizeBytes, Instant updatedAt) {}

    /**
     * The last provisioning and availability check: the steps so far, the last error, what was found or created.
     *
     * @param healthy the last availability check passed ({@code null}: not checked yet)
     */
    public record Provisioning(
            Instant startedAt,
            Instant finishedAt,
            String lastError,
            List<ProvisioningState.Step> messages,
            Map<String, Object> resources,
            Instant lastCheckedAt,
            Boolean healthy,
            String checkMessage) {

        static Provisioning of(ProvisioningState state) {
            return new Provisioning(
                    state.startedAt(),
                    state.finishedAt(),
                    state.lastError(),
                    state.messages(),
                    state.resources(),
                    state.checkedAt(),
                    state.healthy(),
                    state.checkMessage());
        }
    }

    static ClankerView of(
            Clanker clanker,
            List<ClankerDao.SecretRef> secrets,
            List<ClankerFile> files,
            java.util.Optional<ProvisioningState> state) {
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
                files.stream()
                        .map(file -> new FileSummary(
                                file.path(),
                                file.content().getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                                file.updatedAt()))
                        .toList(),
                state.map(Provisioning::of).orElse(null),
                clanker.createdAt(),
                clanker.updatedAt());
    }
}
