package io.viberglass.viberator.session;

import io.viberglass.common.session.PermissionDecision;
import io.viberglass.common.session.PermissionRequest;
import io.viberglass.common.session.SessionEvent;
import java.util.List;
import java.util.Optional;

/**
 * The session-turn callbacks a worker makes besides progress, logs and the result (see
 * {@link io.viberglass.common.session.SessionCallbacks}): events, the agent's session id, the conversation-state archive
 * and permission requests. {@link CallbackSessionChannel} talks to the platform; {@link #none()} serves standalone runs.
 * Implementations are thread-safe.
 */
public interface SessionChannel {

    /** Posts one batch of events, in order; whether the platform took it. */
    boolean sendEvents(List<SessionEvent> events);

    /** Reports the agent's own session id, for {@code session/load} next turn. */
    boolean reportAcpSessionId(String acpSessionId);

    /** The previous turn's conversation-state archive; empty when the platform has none or cannot be reached. */
    Optional<byte[]> fetchState();

    /** Uploads this turn's conversation-state archive; whether the platform stored it. */
    boolean storeState(byte[] archive);

    /** Raises a permission request; the id to wait on, or empty when no person can be asked. */
    Optional<String> requestPermission(PermissionRequest request);

    /**
     * Waits up to {@code waitSeconds} for a person to decide; {@code open} when nobody did in that time (ask again).
     * An unreachable platform counts as {@code open}, so the caller's own deadline decides.
     */
    PermissionDecision awaitDecision(String requestId, int waitSeconds);

    /** No platform: events and state go nowhere, and permission requests cannot be asked (the agent is told no). */
    static SessionChannel none() {
        return new SessionChannel() {
            @Override
            public boolean sendEvents(List<SessionEvent> events) {
                return true;
            }

            @Override
            public boolean reportAcpSessionId(String acpSessionId) {
                return true;
            }

            @Override
            public Optional<byte[]> fetchState() {
                return Optional.empty();
            }

            @Override
            public boolean storeState(byte[] archive) {
                return false;
            }

            @Override
            public Optional<String> requestPermission(PermissionRequest request) {
                return Optional.empty();
            }

            @Override
            public PermissionDecision awaitDecision(String requestId, int waitSeconds) {
                return new PermissionDecision(PermissionDecision.Status.CANCELLED, null, null);
            }
        };
    }
}
