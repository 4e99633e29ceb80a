package io.viberglass.platform.sessions;

import io.viberglass.platform.infra.json.JsonText;
import io.viberglass.platform.streams.FrameSource;
import io.viberglass.platform.streams.SseFrames;
import io.viberglass.platform.streams.StreamHub;
import io.viberglass.platform.streams.Streams;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A session's timeline as server-sent events: every stored event (id = its sequence, data = the event as JSON) after
 * the client's last one, then what comes as it commits, presence frames for who is watching, and an {@code end}
 * event after the session ended.
 */
final class SessionStreams {
    private final Jdbi jdbi;
    private final JsonText json;
    private final Streams streams;
    private final Presence presence;

    SessionStreams(Jdbi jdbi, JsonText json, Streams streams, Presence presence) {
        this.jdbi = jdbi;
        this.json = json;
        this.streams = streams;
        this.presence = presence;
    }

    Response open(UUID sessionId, long afterSequence, Acting acting) {
        if (jdbi.withExtension(SessionDao.class, dao -> dao.find(sessionId)).isEmpty()) {
            throw SessionTransitions.notFound(sessionId);
        }
        return streams.open(StreamHub.sessionTopic(sessionId), source(sessionId), afterSequence, stream -> {
            presence.join(sessionId, acting, stream);
            stream.onClose(() -> presence.leave(sessionId, acting));
        });
    }

    private FrameSource source(UUID sessionId) {
        return (afterId, limit) -> jdbi.inTransaction(handle -> {
            SessionDao dao = handle.attach(SessionDao.class);
            // the status first: every event stored before the session ended is then visible to the read below
            SessionStatus status = dao.find(sessionId).map(AgentSession::status).orElse(SessionStatus.CANCELLED);
            List<SessionEventRow> events = dao.eventsAfter(sessionId, afterId, limit);
            List<FrameSource.Frame> frames = events.stream()
                    .map(event -> new FrameSource.Frame(
                            event.sequence(), SseFrames.event(event.sequence(), null, json.write(event))))
                    .toList();
            String end = status.isTerminal() && events.size() < limit
                    ? SseFrames.event(null, "end", json.write(Map.of("status", status.wire())))
                    : null;
            return new FrameSource.Batch(frames, end);
        });
    }
}
