package io.viberglass.platform.feedback;

import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.integrations.Integration;
import java.util.Map;
import java.util.UUID;

/**
 * One delivery about to be sent: its target and integration, the event (as parsed and as the exact body written to
 * the outbox), and the credentials read for this attempt.
 *
 * @param token the target's API token or auth credential, else the integration's; {@code null} when none is set
 * @param signingSecret the key that signs a custom target's body; {@code null} when unsigned
 */
record Outgoing(
        UUID deliveryId,
        FeedbackTarget target,
        Integration integration,
        FeedbackEvent event,
        String body,
        SecretValue token,
        SecretValue signingSecret) {

    /** A value of the ticket's source metadata (repository, issue numbers). */
    String source(String key) {
        if (event.ticket() == null || event.ticket().source() == null) {
            return null;
        }
        Object value = event.ticket().source().get(key);
        return value == null ? null : value.toString();
    }

    Map<String, Object> options() {
        return target.options();
    }
}
