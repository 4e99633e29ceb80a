package io.viberglass.viberator.session;

import io.viberglass.common.security.SecretRedactor;
import io.viberglass.common.session.SessionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Batches a turn's session events to the platform: a batch goes out when it holds {@link #MAX_BATCH} events or
 * {@code flushDelay} after its first event, and on {@link #flush()}. Every text in an event is redacted before it is
 * queued. Batches leave in order from one sender thread, so the agent's output is never held up by the network.
 */
public final class SessionEventForwarder implements AutoCloseable {
    public static final int MAX_BATCH = 20;
    public static final Duration DEFAULT_FLUSH_DELAY = Duration.ofSeconds(1);

    private final SessionChannel channel;
    private final SecretRedactor redactor;
    private final Duration flushDelay;
    private final ScheduledExecutorService sender;
    private final Object lock = new Object();
    private List<SessionEvent> pending = new ArrayList<>();
    private ScheduledFuture<?> scheduledFlush;

    public SessionEventForwarder(SessionChannel channel, SecretRedactor redactor, Duration flushDelay) {
        this.channel = channel;
        this.redactor = redactor;
        this.flushDelay = flushDelay;
        this.sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "session-event-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void add(SessionEvent event) {
        SessionEvent clean = redact(event, redactor);
        synchronized (lock) {
            pending.add(clean);
            if (pending.size() >= MAX_BATCH) {
                List<SessionEvent> full = takePending();
                sender.execute(() -> channel.sendEvents(full));
            } else if (scheduledFlush == null) {
                scheduledFlush = sender.schedule(this::sendPending, flushDelay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Sends what is buffered and waits until every batch queued before it has been sent. */
    public void flush() {
        try {
            sender.submit(this::sendPending).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RejectedExecutionException e) {
            // events are best effort: the result still goes out
        }
    }

    @Override
    public void close() {
        flush();
        sender.shutdownNow();
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

    private void sendPending() {
        List<SessionEvent> batch;
        synchronized (lock) {
            batch = takePending();
        }
        if (!batch.isEmpty()) {
            channel.sendEvents(batch);
        }
    }

    private List<SessionEvent> takePending() {
        List<SessionEvent> batch = pending;
        pending = new ArrayList<>();
        if (scheduledFlush != null) {
            scheduledFlush.cancel(false);
            scheduledFlush = null;
        }
        return batch;
    }
}
