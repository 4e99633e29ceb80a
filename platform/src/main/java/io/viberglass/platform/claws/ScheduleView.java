package io.viberglass.platform.claws;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A schedule as the API shows it: its webhook secret only as {@code hasWebhookSecret}, and its next slots. */
public record ScheduleView(
        UUID id,
        UUID projectId,
        UUID taskTemplateId,
        String name,
        String description,
        String scheduleType,
        String intervalExpression,
        String cronExpression,
        String timezone,
        boolean isActive,
        String pausedReason,
        Instant nextRunAt,
        Instant lastRunAt,
        long runCount,
        long failureCount,
        int consecutiveFailures,
        int autoPauseAfter,
        String webhookUrl,
        boolean hasWebhookSecret,
        List<String> webhookEvents,
        List<Instant> upcoming,
        Instant createdAt,
        Instant updatedAt) {

    static ScheduleView of(ClawSchedule s, List<Instant> upcoming) {
        return new ScheduleView(
                s.id(),
                s.projectId(),
                s.templateId(),
                s.name(),
                s.description(),
                s.scheduleType(),
                s.intervalSeconds() == null ? null : s.intervalSeconds() + "s",
                s.cronExpression(),
                s.timezone(),
                s.active(),
                s.pausedReason(),
                s.nextRunAt(),
                s.lastRunAt(),
                s.runCount(),
                s.failureCount(),
                s.consecutiveFailures(),
                s.autoPauseAfter(),
                s.webhookUrl(),
                s.webhookSecretCiphertext() != null,
                s.webhookEvents(),
                upcoming,
                s.createdAt(),
                s.updatedAt());
    }
}
