package io.viberglass.platform.sessions;

import io.viberglass.platform.infra.json.JsonText;
import io.viberglass.platform.streams.SseFrames;
import io.viberglass.platform.streams.StreamHub;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who has a session's event stream open, counted per person over their connections (two tabs are one presence): the
 * first connection announces {@code user_joined}, the last one's end {@code user_left}, and each change sends the
 * new {@code presence_update} list to everyone watching. Kept in this process's memory: with several platform
 * instances each knows only the streams it serves.
 */
final class Presence {
    private final StreamHub hub;
    private final JsonText json;
    private final Map<UUID, Map<String, Watcher>> sessions = new HashMap<>();

    private record Watcher(Acting acting, int connections) {}

    Presence(StreamHub hub, JsonText json) {
        this.hub = hub;
        this.json = json;
    }

    void join(UUID sessionId, Acting acting) {
        boolean first;
        synchronized (sessions) {
            Map<String, Watcher> watchers = sessions.computeIfAbsent(sessionId, id -> new LinkedHashMap<>());
            Watcher before = watchers.get(acting.presenceKey());
            first = before == null;
            watchers.put(acting.presenceKey(), new Watcher(acting, first ? 1 : before.connections() + 1));
        }
        if (first) {
            announce(sessionId, "user_joined", acting);
        }
    }

    void leave(UUID sessionId, Acting acting) {
        boolean last;
        synchronized (sessions) {
            Map<String, Watcher> watchers = sessions.get(sessionId);
            Watcher before = watchers == null ? null : watchers.get(acting.presenceKey());
            if (before == null) {
                return;
            }
            last = before.connections() == 1;
            if (last) {
                watchers.remove(acting.presenceKey());
                if (watchers.isEmpty()) {
                    sessions.remove(sessionId);
                }
            } else {
                watchers.put(acting.presenceKey(), new Watcher(acting, before.connections() - 1));
            }
        }
        if (last) {
            announce(sessionId, "user_left", acting);
        }
    }

    Set<String> online(UUID sessionId) {
        synchronized (sessions) {
            return Set.copyOf(sessions.getOrDefault(sessionId, Map.of()).keySet());
        }
    }

    private List<Map<String, Object>> users(UUID sessionId) {
        synchronized (sessions) {
            return sessions.getOrDefault(sessionId, Map.of()).values().stream()
                    .map(w -> person(w.acting()))
                    .toList();
        }
    }

    private static Map<String, Object> person(Acting acting) {
        Map<String, Object> person = new HashMap<>();
        person.put("userId", acting.userId() == null ? null : acting.userId().toString());
        person.put("userName", acting.name());
        return person;
    }

    /** Presence is not stored: its frames carry no id, so a client's resume point stays on the stored events. */
    private void announce(UUID sessionId, String type, Acting acting) {
        String topic = StreamHub.sessionTopic(sessionId);
        hub.broadcast(topic, frame(type, person(acting)));
        hub.broadcast(topic, frame("presence_update", Map.of("users", users(sessionId))));
    }

    private String frame(String type, Map<String, Object> payload) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", type);
        data.put("payload", payload);
        data.put("ephemeral", true);
        return SseFrames.event(null, null, json.write(data));
    }
}
