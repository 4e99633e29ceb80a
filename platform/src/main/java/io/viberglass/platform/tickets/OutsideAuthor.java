package io.viberglass.platform.tickets;

import java.time.Instant;
import java.util.UUID;

/**
 * An outside author as the trust rules judged them, before their ticket exists.
 *
 * @param provider {@code github}, {@code gitlab}, {@code jira}, {@code shortcut} or {@code custom}
 * @param identity the author's id there, {@code null} when the payload named nobody
 * @param association what the payload said about the author's standing in the repository, if anything
 */
public record OutsideAuthor(String provider, String identity, String association, boolean trusted, String reason) {

    /** The ticket's author row: an untrusted author's ticket starts out awaiting an approver. */
    public TicketAuthor forTicket(UUID ticketId, Instant now) {
        return new TicketAuthor(
                ticketId,
                provider,
                identity,
                association,
                trusted,
                reason,
                trusted ? TrustState.TRUSTED : TrustState.AWAITING,
                null,
                null,
                null,
                now);
    }

    /** How the author is named in messages: {@code github:octocat}. */
    public String label() {
        return identity == null ? "an unnamed " + provider + " author" : provider + ":" + identity;
    }
}
