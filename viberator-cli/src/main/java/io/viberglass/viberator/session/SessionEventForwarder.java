package io.viberglass.viberator.session;

import io.viberglass.common.security.SecretRedactor;
import io.viberglass.common.session.SessionEvent;
import io.viberglass.viberator.report.Batcher;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batches a turn's session events to the platform: a batch goes out when it holds {@link #MAX_BATCH} events or
 * {@code flushDelay} after its first event, and on {@link #flush()}. Every text in an event is redacted before it is
 * queued. Batches leave in order from one sender thread, so the agent's output is never held up by the network.
 */
public final class SessionEventForwarder implements AutoCloseable {
    public static final int MAX_BATCH = 20;
    public static final Duration DEFAULT_FLUSH_DELAY = Duration.ofSeconds(1);

    private final SecretRedactor redactor;
    private final Batcher<SessionEvent, List<SessionEvent>> events;

    public SessionEventForwarder(SessionChannel channel, SecretRedactor redactor, Duration flushDelay) {
        this.redactor = redactor;
        this.events = new Batcher<>("session-event-sender", MAX_BATCH, flushDelay, batch -> batch, channel::sendEvents);
    }

    public void add(SessionEvent event) {
        events.add(redact(event, redactor));
    }

    /** Sends what is buffered and waits until every batch queued before it has been sent. */
    public void flush() {
        events.flush();
    }

    @Override
    public void close() {
        events.close();
    }

    /** The event with every string in its payload (nested too) scrubbed of secrets. */
    public static SessionEvent redact(SessionEvent event, SecretRedactor redactor) {
        Map<String, Object> payload = redactMap(event.payload(), redactor);
        payload.values().removeIf(java.util.Objects::isNull);
        return new SessionEvent(event.type(), payload);
    }

    private static Map<String, Object> redactMap(Map<?, ?> map, SecretRedactor redactor) {
        Map<String, Object> clean = new LinkedHashMap<>();
        map.forEach((key, value) -> clean.put(String.valueOf(key), redactValue(value, redactor)));
        return clean;
    }

    private static Object redactValue(Object value, SecretRedactor redactor) {
        if (value instanceof String text) {
            return redactor.redact(text);
        }
        if (value instanceof Map<?, ?> map) {
            return redactMap(map, redactor);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> redactValue(item, redactor)).toList();
        }
        return value;
    }
}
