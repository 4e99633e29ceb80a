package io.viberglass.platform.feedback;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.viberglass.platform.integrations.IntegrationSystem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A feedback target as the API shows it: where and what, whether credentials are set, never the credentials. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetView(
        UUID id,
        UUID integrationId,
        IntegrationSystem provider,
        String name,
        UUID projectId,
        String providerProjectId,
        List<String> events,
        boolean active,
        boolean hasApiToken,
        UUID apiTokenSecretId,
        String targetUrl,
        String method,
        Map<String, String> headers,
        AuthView auth,
        boolean hasSigningSecret,
        String signatureAlgorithm,
        TargetRequest.RetryPolicy retryPolicy,
        Map<String, Object> options,
        Instant createdAt,
        Instant updatedAt) {

    /** The public part of a custom target's auth. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuthView(String type, String username, String headerName, boolean hasCredential) {}

    static TargetView of(FeedbackTarget target) {
        boolean custom = target.provider() == IntegrationSystem.CUSTOM;
        Map<String, Object> options = new java.util.LinkedHashMap<>(target.options());
        List.of("targetUrl", "method", "headers", "authType", "authUsername", "authHeaderName", "signatureAlgorithm")
                .forEach(options::remove);
        return new TargetView(
                target.id(),
                target.integrationId(),
                target.provider(),
                target.name(),
                target.projectId(),
                target.providerProjectId(),
                target.events(),
                target.active(),
                !custom && target.tokenSecretId() != null,
                target.tokenSecretOwned() || custom ? null : target.tokenSecretId(),
                custom ? target.option("targetUrl", null) : null,
                custom ? target.option("method", "POST") : null,
                custom ? target.headers() : null,
                custom
                        ? new AuthView(
                                target.option("authType", "none"),
                                target.option("authUsername", null),
                                target.option("authHeaderName", null),
                                target.tokenSecretId() != null)
                        : null,
                target.signingSecretId() != null,
                target.signingSecretId() == null ? null : target.option("signatureAlgorithm", "sha256"),
                new TargetRequest.RetryPolicy(target.maxAttempts(), target.backoffMs(), target.maxBackoffMs()),
                options.isEmpty() ? null : options,
                target.createdAt(),
                target.updatedAt());
    }
}
