package io.viberglass.platform.sessions;

import io.viberglass.platform.infra.json.JsonText;
import io.viberglass.platform.streams.SseFrames;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The presence frames of a session stream. They are not stored, so they carry no id: a client's resume point stays on
 * the stored events.
 */
final class PresenceFrames {
    private final JsonText json;

    PresenceFrames(JsonText json) {
        this.json = json;
    }

    String joined(PresenceDao.Present person) {
        return frame("user_joined", person(person));
    }

    String left(PresenceDao.Present person) {
        return frame("user_left", person(person));
    }

    String update(List<PresenceDao.Present> people) {
        return frame(
                "presence_update",
                Map.of("users", people.stream().map(PresenceFrames::person).toList()));
    }

    private static Map<String, Object> person(PresenceDao.Present person) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("userId", person.userId() == null ? null : person.userId().toString());
        payload.put("userName", person.userName());
        return payload;
    }

    private String frame(String type, Map<String, Object> payload) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", type);
        data.put("payload", payload);
        data.put("ephemeral", true);
        return SseFrames.event(null, null, json.write(data));
    }
}
