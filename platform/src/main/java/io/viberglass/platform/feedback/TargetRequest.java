package io.viberglass.platform.feedback;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Create or change a feedback target. Provider targets (GitHub, GitLab, Jira, Shortcut) comment on the ticket's issue
 * with the target's {@code apiToken} or else the integration's; custom targets need {@code name} and
 * {@code targetUrl}. Credentials (API token, auth secrets, signing secret) are stored as secrets and never returned.
 * Absent fields keep their value on update.
 */
public record TargetRequest(
        UUID projectId,
        @Size(max = 255) String providerProjectId,
        @Size(min = 1, max = 255) String name,
        @Size(min = 1, max = 10) List<FeedbackEventType> events,
        @Size(min = 1, max = 10_000) String apiToken,
        UUID apiTokenSecretId,
        @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String targetUrl,
        @Pattern(regexp = "POST|PUT|PATCH", message = "must be POST, PUT or PATCH") String method,
        @Size(max = 20)
                Map<@Size(min = 1, max = 100) @Pattern(regexp = "[A-Za-z0-9-]+") String, @Size(max = 2000) String>
                        headers,
        @Valid Auth auth,
        @Size(min = 16, max = 1000) String signingSecret,
        UUID signingSecretId,
        @Pattern(regexp = "sha256|sha1", message = "must be sha256 or sha1") String signatureAlgorithm,
        @Valid RetryPolicy retryPolicy,
        @Size(min = 1, max = 100) String successLabel,
        @Size(min = 1, max = 100) String failureLabel,
        Boolean updateLabels,
        @Size(max = 50) String successTransitionId,
        @Size(max = 50) String failureTransitionId,
        @Positive Long successWorkflowStateId,
        @Positive Long failureWorkflowStateId,
        Boolean active) {

    /**
     * How a custom target is authenticated: {@code none}, {@code bearer} (token), {@code basic} (username, password)
     * or {@code header} (headerName, headerValue).
     */
    public record Auth(
            @Pattern(regexp = "none|bearer|basic|header", message = "must be none, bearer, basic or header")
                    String type,
            @Size(max = 10_000) String token,
            @Size(max = 255) String username,
            @Size(max = 1000) String password,
            @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9-]+", message = "must be an HTTP header name")
                    String headerName,
            @Size(max = 10_000) String headerValue) {

        @Override
        public String toString() {
            return "Auth[type=" + type + "]";
        }
    }

    /** Attempts per event and the capped doubling delay between them. */
    public record RetryPolicy(
            @Min(1) @Max(20) Integer maxAttempts,
            @Min(10) @Max(600_000) Integer backoffMs,
            @Min(10) @Max(3_600_000) Integer maxBackoffMs) {}

    @Override
    public String toString() {
        return "TargetRequest[name=" + name + ", targetUrl=" + targetUrl + "]";
    }
}
