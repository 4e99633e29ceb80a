package io.viberglass.platform.feedback;

import io.viberglass.platform.integrations.IntegrationSystem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.json.Json;

/**
 * A row of {@code feedback_targets}: where an integration's feedback goes. Provider targets comment on the ticket's
 * issue (labels, transitions, workflow states in {@code options}); custom targets call {@code options.targetUrl}.
 *
 * @param projectId the project whose runs report here; {@code null} means every project the integration is linked to
 * @param tokenSecretId the provider API token (else the integration's), or a custom target's auth credential
 * @param signingSecretId the HMAC key that signs a custom target's requests
 */
public record FeedbackTarget(
        UUID id,
        UUID integrationId,
        IntegrationSystem provider,
        UUID projectId,
        String providerProjectId,
        String name,
        List<String> events,
        UUID tokenSecretId,
        boolean tokenSecretOwned,
        UUID signingSecretId,
        boolean signingSecretOwned,
        @Json Map<String, Object> options,
        int maxAttempts,
        int backoffMs,
        int maxBackoffMs,
        boolean active,
        Instant createdAt,
        Instant updatedAt) {

    public String option(String name, String fallback) {
        Object value = options.get(name);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }

    public boolean flag(String name, boolean fallback) {
        Object value = options.get(name);
        return value == null ? fallback : Boolean.parseBoolean(value.toString());
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> headers() {
        Object value = options.get("headers");
        return value instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
    }

    /** Capped doubling from {@code backoffMs}: the wait before attempt {@code attempt + 1}. */
    public java.time.Duration backoff(int attempt) {
        long millis = (long) backoffMs * (1L << Math.min(Math.max(attempt - 1, 0), 20));
        return java.time.Duration.ofMillis(Math.min(millis, maxBackoffMs));
    }
}
