package io.viberglass.platform.tickets;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A ticket as the API shows it; {@code media} is filled on single-ticket reads. {@code trust} says who wrote it and
 * whether the project trusts them; {@code awaitingTrust} is true while its runs wait for an approver.
 */
public record TicketView(
        UUID id,
        UUID projectId,
        String title,
        String description,
        Severity severity,
        String category,
        Map<String, Object> metadata,
        List<Map<String, Object>> annotations,
        TicketSystem ticketSystem,
        String externalTicketId,
        String externalTicketUrl,
        boolean autoFixRequested,
        AutoFixStatus autoFixStatus,
        LifecycleStatus status,
        WorkflowPhase workflowPhase,
        String workflowOverrideReason,
        Instant workflowOverriddenAt,
        String workflowOverriddenBy,
        String pullRequestUrl,
        boolean archived,
        Instant archivedAt,
        Instant createdAt,
        Instant updatedAt,
        TicketAuthor trust,
        boolean awaitingTrust,
        List<MediaView> media) {

    /** A media file and the URL its content is served at. */
    public record MediaView(
            UUID id, MediaKind kind, String filename, String mimeType, long size, String url, Instant createdAt) {
        static MediaView of(TicketMedia media) {
            return new MediaView(
                    media.id(),
                    media.kind(),
                    media.filename(),
                    media.mimeType(),
                    media.sizeBytes(),
                    "/api/tickets/media/" + media.id() + "/content",
                    media.createdAt());
        }
    }

    static TicketView of(Ticket ticket, List<TicketMedia> media, TicketAuthor author) {
        TicketAuthor trust = author == null
                ? TicketAuthor.platformUser(ticket.id(), ticket.createdAt(), ticket.ticketSystem())
                : author;
        return new TicketView(
                ticket.id(),
                ticket.projectId(),
                ticket.title(),
                ticket.description(),
                ticket.severity(),
                ticket.category(),
                ticket.metadata(),
                ticket.annotations(),
                ticket.ticketSystem(),
                ticket.externalTicketId(),
                ticket.externalTicketUrl(),
                ticket.autoFixRequested(),
                ticket.autoFixStatus(),
                ticket.ticketStatus(),
                ticket.workflowPhase(),
                ticket.workflowOverrideReason(),
                ticket.workflowOverriddenAt(),
                ticket.workflowOverriddenBy(),
                ticket.pullRequestUrl(),
                ticket.archivedAt() != null,
                ticket.archivedAt(),
                ticket.createdAt(),
                ticket.updatedAt(),
                trust,
                trust.awaitingApproval(),
                media == null ? null : media.stream().map(MediaView::of).toList());
    }

    static TicketView summary(Ticket ticket, TicketAuthor author) {
        return of(ticket, null, author);
    }
}
