package io.viberglass.platform.sessions;

import io.viberglass.common.session.SessionEventType;
import io.viberglass.platform.infra.json.JsonText;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Appends events to a session's timeline with consecutive sequences. Callers hold the session's row lock, so two
 * writers never take the same numbers and readers see every sequence once it commits.
 */
final class SessionTimeline {
    private final JsonText json;

    SessionTimeline(JsonText json) {
        this.json = json;
    }

    /** One event to append; the acting person is named when a person caused it. */
    record Entry(
            SessionEventType type, Map<String, Object> payload, UUID turnId, UUID jobId, UUID userId, String userName) {

        static Entry of(SessionEventType type, Map<String, Object> payload, UUID turnId, UUID jobId) {
            return new Entry(type, payload, turnId, jobId, null, null);
        }

        static Entry by(SessionEventType type, Map<String, Object> payload, UUID turnId, Acting acting) {
            return new Entry(type, payload, turnId, null, acting.userId(), acting.name());
        }
    }

    /** Answers the sequence of the last appended event. */
    long append(Handle handle, UUID sessionId, List<Entry> entries, Instant now) {
        SessionDao dao = handle.attach(SessionDao.class);
        long last = dao.reserveEvents(sessionId, entries.size());
        long sequence = last - entries.size();
        for (Entry entry : entries) {
            sequence++;
            dao.insertEvent(
                    sessionId,
                    entry.turnId(),
                    entry.jobId(),
                    sequence,
                    entry.type().wire(),
                    json.write(entry.payload()),
                    entry.userId(),
                    entry.userName(),
                    now);
        }
        return last;
    }

    long append(Handle handle, UUID sessionId, Entry entry, Instant now) {
        return append(handle, sessionId, List.of(entry), now);
    }
}
