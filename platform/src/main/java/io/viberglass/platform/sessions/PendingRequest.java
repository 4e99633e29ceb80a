package io.viberglass.platform.sessions;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.json.Json;

/** A row of {@code agent_pending_requests}: a question or permission request waiting for a person. */
public record PendingRequest(
        UUID id,
        UUID sessionId,
        UUID turnId,
        UUID jobId,
        RequestType requestType,
        RequestStatus status,
        String promptMarkdown,
        @Json Map<String, Object> requestJson,
        @Json Map<String, Object> responseJson,
        UUID resolvedBy,
        String resolvedByName,
        Instant resolvedAt,
        Instant createdAt,
        Instant updatedAt) {}
