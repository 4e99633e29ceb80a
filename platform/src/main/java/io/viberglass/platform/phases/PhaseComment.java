package io.viberglass.platform.phases;

import io.viberglass.platform.tickets.WorkflowPhase;
import java.time.Instant;
import java.util.UUID;

/**
 * A comment anchored to one line of a document. {@code lineText} is the line as it was commented, so the anchor can
 * follow the line when a new revision moves it; {@code suggestion}, when present, is proposed replacement text.
 */
public record PhaseComment(
        UUID id,
        UUID documentId,
        UUID ticketId,
        WorkflowPhase phase,
        int revision,
        int lineNumber,
        String lineText,
        String content,
        String suggestion,
        CommentStatus status,
        String actor,
        Instant resolvedAt,
        String resolvedBy,
        Instant createdAt,
        Instant updatedAt) {}
