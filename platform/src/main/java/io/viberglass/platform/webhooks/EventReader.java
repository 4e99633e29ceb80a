package io.viberglass.platform.webhooks;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns one provider's delivery (its event header and parsed body) into a {@link WebhookEvent}. */
interface EventReader {
    /**
     * @param headerEvent the event named by the provider's header ({@code X-GitHub-Event}), or {@code null}
     */
    WebhookEvent read(String headerEvent, JsonNode body, InboundConfig config);
}
