package io.viberglass.platform.claws;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** When a template runs, and how its runs went. The webhook secret is stored encrypted. */
public record ClawSchedule(
        UUID id,
        UUID projectId,
        UUID templateId,
        String name,
        String description,
        String scheduleType,
        Integer intervalSeconds,
        String cronExpression,
        String timezone,
        boolean active,
        Instant nextRunAt,
        Instant lastRunAt,
        long runCount,
        long failureCount,
        int consecutiveFailures,
        int autoPauseAfter,
        String pausedReason,
        String webhookUrl,
        byte[] webhookSecretCiphertext,
        byte[] webhookSecretNonce,
        String webhookSecretKeyId,
        List<String> webhookEvents,
        Instant createdAt,
        Instant updatedAt) {

    public Cadence cadence(java.time.Duration minimumInterval) {
        return scheduleType.equals("interval")
                ? Cadence.interval(intervalSeconds + "s", java.time.Duration.ofSeconds(1))
                : Cadence.cron(cronExpression, timezone);
    }
}
