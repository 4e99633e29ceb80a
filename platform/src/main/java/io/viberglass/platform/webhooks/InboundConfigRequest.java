package io.viberglass.platform.webhooks;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Create or change an inbound webhook. The signing secret is given ({@code webhookSecret}), referenced
 * ({@code webhookSecretId}, a secret kept in env, SSM or the database) or generated ({@code generateSecret}, also the
 * default on create); a generated secret is returned once, in that response. Absent fields keep their value on update.
 *
 * @param clankerId the agent runner that auto-executed and comment-triggered runs use
 * @param followUpLimit follow-up runs per pull request; absent means the platform default
 * @param signatureHeader custom webhooks: the header carrying the HMAC (default {@code X-Webhook-Signature-256})
 * @param signatureAlgorithm custom webhooks: {@code sha256} (default) or {@code sha1}
 * @param fieldMapping custom webhooks: JSON pointers to title, description, severity, category, externalId, url,
 *     labels, and author (who wrote it, judged by the project's trusted list as custom:<value>) in the sender's body
 */
public record InboundConfigRequest(
        UUID projectId,
        @Size(max = 255) String providerProjectId,
        @Size(min = 16, max = 1000) String webhookSecret,
        UUID webhookSecretId,
        Boolean generateSecret,
        @Size(max = 50) List<@Size(max = 100) String> allowedEvents,
        Boolean autoExecute,
        AutoExecuteMode autoExecuteMode,
        @Size(max = 20) List<@Size(min = 1, max = 100) String> requiredLabels,
        @Size(max = 100) String botUsername,
        UUID clankerId,
        @Min(0) @Max(20) Integer followUpLimit,
        @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9-]+", message = "must be an HTTP header name")
                String signatureHeader,
        @Pattern(regexp = "sha256|sha1", message = "must be sha256 or sha1") String signatureAlgorithm,
        @Size(max = 20) Map<@Size(max = 50) String, @Size(max = 500) String> fieldMapping,
        Boolean active) {

    @Override
    public String toString() {
        return "InboundConfigRequest[projectId=" + projectId + ", webhookSecret="
                + (webhookSecret == null ? null : "[REDACTED]") + "]";
    }
}
