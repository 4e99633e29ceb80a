package io.viberglass.platform.tickets;

import io.viberglass.platform.infra.errors.DomainException;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The one check every run of a ticket passes, whatever starts it (dashboard, API, Slack, MCP, sessions, webhooks): a
 * ticket from an outside author that no approver has approved yet, or that one rejected, runs nothing.
 */
public final class TicketTrustGate {
    private TicketTrustGate() {}

    /**
     * Throws a 409 {@code TICKET_UNTRUSTED} when the ticket may not run; call it inside the transaction that creates
     * the run, so a decision taken concurrently is ordered with it by the row lock.
     */
    public static void requireRunnable(Handle handle, UUID ticketId) {
        handle.attach(TicketAuthorDao.class).findForShare(ticketId).ifPresent(author -> {
            if (author.state() == TrustState.AWAITING) {
                throw DomainException.conflict(
                        "TICKET_UNTRUSTED",
                        "The ticket comes from " + describe(author) + ", who is not on the project's trusted list; "
                                + "a project approver must approve it before it runs");
            }
            if (author.state() == TrustState.REJECTED) {
                throw DomainException.conflict(
                        "TICKET_UNTRUSTED",
                        "The ticket from " + describe(author) + " was rejected by " + author.decidedBy()
                                + " and runs nothing");
            }
        });
    }

    /** How the author is named in messages and prompts: {@code github:octocat}. */
    public static String describe(TicketAuthor author) {
        return author.identity() == null
                ? "an unnamed " + author.provider() + " author"
                : author.provider() + ":" + author.identity();
    }
}
