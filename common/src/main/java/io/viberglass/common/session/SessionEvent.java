package io.viberglass.common.session;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * One thing the agent did in a turn, as the worker reports it. Text in the payload is redacted by the worker before it
 * is sent, and again by the platform before it is stored.
 */
public record SessionEvent(@NotNull SessionEventType type, @Size(max = 50) Map<String, Object> payload) {
    public SessionEvent {
        payload = payload == null ? Map.of() : Map.copyOf(payload);
    }
}
