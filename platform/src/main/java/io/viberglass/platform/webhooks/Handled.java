package io.viberglass.platform.webhooks;

import java.util.UUID;

/** How processing a delivery ended: its final status, the event type it turned out to be, why, and what it made. */
record Handled(DeliveryStatus status, String eventType, String reason, UUID ticketId, UUID jobId) {
    Handled {
        // event types come from senders' bodies (an action name); the column holds 100 characters
        eventType = Nodes.truncate(eventType, 100);
    }

    static Handled ignored(String eventType, String reason) {
        return new Handled(DeliveryStatus.IGNORED, eventType, reason, null, null);
    }

    static Handled processed(String eventType, String reason, UUID ticketId, UUID jobId) {
        return new Handled(DeliveryStatus.PROCESSED, eventType, reason, ticketId, jobId);
    }

    static Handled failed(String eventType, String reason) {
        return new Handled(DeliveryStatus.FAILED, eventType, reason, null, null);
    }
}
