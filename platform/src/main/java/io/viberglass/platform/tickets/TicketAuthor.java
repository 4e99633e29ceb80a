package io.viberglass.platform.tickets;

import java.time.Instant;
import java.util.UUID;

/**
 * Who wrote a ticket that came from outside (a webhook) and what the project's trust rules made of it. Tickets created
 * by signed-in platform users have no such row: {@link #platformUser} stands in for them.
 *
 * @param provider the system the author belongs to ({@code github}, {@code gitlab}, {@code jira}, {@code shortcut},
 *     {@code custom}), or {@code platform}
 * @param identity the author's id there (login, account id, member id), {@code null} when the payload named nobody
 * @param association what the payload said about the author's standing in the repository ({@code MEMBER}, …)
 * @param trusted whether the rules trusted the author on arrival; an approval does not change it, so the ticket's text
 *     stays fenced as outside text in the agent's prompt
 * @param reason why the rules decided so
 */
public record TicketAuthor(
        UUID ticketId,
        String provider,
        String identity,
        String association,
        boolean trusted,
        String reason,
        TrustState state,
        String decidedBy,
        Instant decidedAt,
        String decisionReason,
        Instant createdAt) {

    public static TicketAuthor platformUser(UUID ticketId, Instant createdAt) {
        return platformUser(ticketId, createdAt, null);
    }

    /**
     * A ticket without an outside author: made by a signed-in user, or (for a ticket of an outside {@code system})
     * arrived before authors were recorded, and trusted as it was then.
     */
    public static TicketAuthor platformUser(UUID ticketId, Instant createdAt, TicketSystem system) {
        boolean outside = system != null && system != TicketSystem.CUSTOM && system != TicketSystem.SLACK;
        return new TicketAuthor(
                ticketId,
                "platform",
                null,
                null,
                true,
                outside
                        ? "Arrived from " + system.wire() + " before outside authors were recorded; trusted as then"
                        : "Created by a signed-in platform user",
                TrustState.TRUSTED,
                null,
                null,
                null,
                createdAt);
    }

    public boolean awaitingApproval() {
        return state == TrustState.AWAITING;
    }
}
