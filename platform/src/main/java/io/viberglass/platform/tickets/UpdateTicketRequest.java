package io.viberglass.platform.tickets;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A partial update; absent fields stay as they are. Setting {@code status} here is a manual decision that sticks until
 * someone changes it again.
 */
public record UpdateTicketRequest(
        @Size(min = 1, max = 500) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String title,
        @Size(max = 100_000) String description,
        Severity severity,
        @Size(min = 1, max = 100) String category,
        LifecycleStatus status,
        @Size(max = 255) String externalTicketId,
        @Size(max = 1000) @Pattern(regexp = "|https?://\\S+", message = "must be an http(s) URL")
                String externalTicketUrl,
        AutoFixStatus autoFixStatus,
        @Size(max = 1000) @Pattern(regexp = "|https?://\\S+", message = "must be an http(s) URL")
                String pullRequestUrl) {}
