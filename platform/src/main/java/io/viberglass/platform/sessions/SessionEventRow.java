package io.viberglass.platform.sessions;

import io.viberglass.common.session.SessionEventType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.json.Json;

/** A row of {@code agent_session_events}: one entry of the session's timeline; {@code sequence} orders and resumes. */
public record SessionEventRow(
        UUID sessionId,
        UUID turnId,
        UUID jobId,
        long sequence,
        SessionEventType type,
        @Json Map<String, Object> payload,
        UUID userId,
        String userName,
        Instant createdAt) {

    public boolean endsSession() {
        return type == SessionEventType.SESSION_COMPLETED
                || type == SessionEventType.SESSION_FAILED
                || type == SessionEventType.SESSION_CANCELLED;
    }
}
