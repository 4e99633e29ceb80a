package io.viberglass.platform.claws;

import io.viberglass.platform.infra.json.JsonText;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Queues a schedule's outbound webhook event as a row in the same transaction as the change it reports, so an event is
 * sent exactly when its change committed, and survives a restart before it is delivered.
 */
final class ClawEvents {
    private final JsonText json;

    ClawEvents(JsonText json) {
        this.json = json;
    }

    void queue(Handle handle, ClawSchedule schedule, ClawExecution execution, String event, Instant now) {
        if (schedule.webhookUrl() == null || !schedule.webhookEvents().contains(event)) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventType", event);
        body.put("executionId", execution.id());
        body.put("scheduleId", schedule.id());
        body.put("scheduleName", schedule.name());
        body.put("projectId", schedule.projectId());
        body.put("jobId", execution.jobId());
        body.put("status", execution.status());
        body.put("slotAt", execution.slotAt());
        body.put("errorMessage", execution.errorMessage());
        body.put("pullRequestUrl", execution.pullRequestUrl());
        body.put("timestamp", now);
        handle.attach(ExecutionDao.class)
                .queueDelivery(UUID.randomUUID(), execution.id(), schedule.id(), event, json.write(body), now);
    }
}
