package io.viberglass.platform.tickets;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code ticket_media}: a screenshot or recording attached to a ticket. */
public record TicketMedia(
        UUID id,
        UUID ticketId,
        MediaKind kind,
        String filename,
        String mimeType,
        long sizeBytes,
        String storageUrl,
        Instant createdAt) {}
