package io.viberglass.platform.sessions;

import io.viberglass.common.session.PermissionDecision;
import io.viberglass.platform.streams.StreamHub;
import io.viberglass.platform.streams.Subscriber;
import jakarta.ws.rs.container.AsyncResponse;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long polls for permission decisions. A waiting worker holds neither a request thread (the response is suspended)
 * nor a database connection: it is a subscriber of its session's topic, re-checked in the database only when the
 * session changed, and answered with what stands when its wait runs out.
 */
final class DecisionWaits {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionWaits.class);

    private final SessionCallbackService callbacks;
    private final StreamHub hub;

    DecisionWaits(SessionCallbackService callbacks, StreamHub hub) {
        this.callbacks = callbacks;
        this.hub = hub;
    }

    void await(UUID jobId, UUID requestId, int seconds, AsyncResponse response) {
        AtomicBoolean answered = new AtomicBoolean();
        AutoCloseable[] subscription = new AutoCloseable[1];
        Runnable answer = () -> {
            try {
                PermissionDecision decision = callbacks.decision(jobId, requestId);
                if (decision.status() != PermissionDecision.Status.OPEN) {
                    finish(answered, subscription[0], response, decision);
                }
            } catch (RuntimeException e) {
                LOG.warn("Re-checking permission request {} failed: {}", requestId, e.getMessage());
            }
        };
        Subscriber waiter = () -> hub.read(answer);
        response.setTimeout(seconds, TimeUnit.SECONDS);
        response.setTimeoutHandler(timedOut -> hub.read(() -> {
            try {
                finish(answered, subscription[0], timedOut, callbacks.decision(jobId, requestId));
            } catch (RuntimeException e) {
                finish(answered, subscription[0], timedOut, null);
            }
        }));
        subscription[0] = hub.subscribe(StreamHub.sessionTopic(callbacks.sessionOf(jobId)), waiter);
        if (answered.get()) {
            close(subscription[0]); // answered while subscribing
        }
        hub.read(answer); // a decision that came between the first check and the subscription
    }

    private static void finish(
            AtomicBoolean answered, AutoCloseable subscription, AsyncResponse response, PermissionDecision decision) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        close(subscription);
        if (decision == null) {
            response.resume(new IllegalStateException("The permission request could not be read"));
        } else {
            response.resume(decision);
        }
    }

    private static void close(AutoCloseable subscription) {
        try {
            if (subscription != null) {
                subscription.close();
            }
        } catch (Exception e) {
            LOG.debug("Unsubscribing a long poll failed: {}", e.getMessage());
        }
    }
}
