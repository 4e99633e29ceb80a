package io.viberglass.platform.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.viberglass.platform.integrations.IntegrationSystem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An inbound webhook as the API shows it: the URL to give the provider and whether a secret is set. The secret itself
 * appears only in the response that generated it ({@code webhookSecret}), so it can be pasted into the provider once.
 */
public record InboundConfigView(
        UUID id,
        UUID integrationId,
        IntegrationSystem provider,
        String webhookUrl,
        UUID projectId,
        String providerProjectId,
        List<String> allowedEvents,
        boolean autoExecute,
        AutoExecuteMode autoExecuteMode,
        List<String> requiredLabels,
        String botUsername,
        UUID clankerId,
        Integer followUpLimit,
        String signatureHeader,
        String signatureAlgorithm,
        Map<String, String> fieldMapping,
        boolean active,
        boolean hasSecret,
        UUID webhookSecretId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String webhookSecret,
        long rejectedCount,
        Instant lastRejectedAt,
        Instant createdAt,
        Instant updatedAt) {

    static InboundConfigView of(InboundConfig config, String publicUrl, String generatedSecret) {
        boolean custom = config.provider() == IntegrationSystem.CUSTOM;
        return new InboundConfigView(
                config.id(),
                config.integrationId(),
                config.provider(),
                publicUrl + "/api/webhooks/" + config.provider().wire() + "/" + config.id(),
                config.projectId(),
                config.providerProjectId(),
                config.allowedEvents(),
                config.autoExecute(),
                config.autoExecuteMode(),
                config.requiredLabels(),
                config.botUsername(),
                config.clankerId(),
                config.followUpLimit(),
                custom ? config.option("signatureHeader", InboundConfig.DEFAULT_SIGNATURE_HEADER) : null,
                custom ? config.option("signatureAlgorithm", "sha256") : null,
                custom ? config.fieldMapping() : null,
                config.active(),
                config.secretId() != null,
                config.secretOwned() ? null : config.secretId(),
                generatedSecret,
                config.rejectedCount(),
                config.rejectedAt(),
                config.createdAt(),
                config.updatedAt());
    }
}
