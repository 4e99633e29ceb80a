package io.viberglass.platform.phases;

import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.tickets.WorkflowPhase;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Line comments on research and planning documents, with suggestions, resolve and reopen. */
public class CommentService {
    private final Jdbi jdbi;
    private final Clock clock;

    public CommentService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public record NewComment(int lineNumber, String content, String suggestion) {}

    public record CommentChange(String content, String suggestion, CommentStatus status) {}

    public List<PhaseComment> list(UUID ticketId, WorkflowPhase phase) {
        DocumentService.requireDocumentPhase(phase);
        return jdbi.inTransaction(handle -> {
            DocumentService.requireTicket(handle, ticketId);
            return handle.attach(CommentDao.class).list(ticketId, phase);
        });
    }

    public PhaseComment create(UUID ticketId, WorkflowPhase phase, NewComment request, String actor) {
        DocumentService.requireDocumentPhase(phase);
        if (request.content() == null || request.content().isBlank()) {
            throw DomainException.invalid("COMMENT_CONTENT_REQUIRED", "content", "Comment content is required");
        }
        return jdbi.inTransaction(handle -> {
            DocumentService.requireTicket(handle, ticketId);
            PhaseDocument document = handle.attach(PhaseDao.class)
                    .documentForUpdate(ticketId, phase)
                    .filter(doc -> !doc.isBlank())
                    .orElseThrow(() -> DomainException.invalid(
                            "COMMENT_ON_EMPTY_DOCUMENT", "phase", "Cannot comment on an empty document"));
            List<String> lines = CommentAnchors.lines(document.content());
            if (request.lineNumber() < 1 || request.lineNumber() > lines.size()) {
                throw DomainException.invalid(
                        "COMMENT_LINE_OUT_OF_RANGE",
                        "lineNumber",
                        "Line anchor is out of range: the document has " + lines.size() + " lines");
            }
            Instant now = clock.instant();
            PhaseComment comment = new PhaseComment(
                    UUID.randomUUID(),
                    document.id(),
                    ticketId,
                    phase,
                    document.revision(),
                    request.lineNumber(),
                    lines.get(request.lineNumber() - 1),
                    request.content().strip(),
                    blankToNull(request.suggestion()),
                    CommentStatus.OPEN,
                    actor,
                    null,
                    null,
                    now,
                    now);
            handle.attach(CommentDao.class).insert(comment);
            return comment;
        });
    }

    public PhaseComment update(UUID ticketId, WorkflowPhase phase, UUID commentId, CommentChange change, String actor) {
        DocumentService.requireDocumentPhase(phase);
        if (change.status() == CommentStatus.OUTDATED) {
            throw DomainException.invalid("COMMENT_STATUS_INVALID", "status", "must be open or resolved");
        }
        if (change.content() != null && change.content().isBlank()) {
            throw DomainException.invalid("COMMENT_CONTENT_REQUIRED", "content", "Comment content is required");
        }
        return jdbi.inTransaction(handle -> {
            CommentDao dao = handle.attach(CommentDao.class);
            PhaseComment current = dao.findForUpdate(commentId, ticketId, phase)
                    .orElseThrow(
                            () -> DomainException.notFound("COMMENT_NOT_FOUND", "Comment " + commentId + " not found"));
            Instant now = clock.instant();
            CommentStatus status = change.status() == null ? current.status() : change.status();
            boolean resolving = status == CommentStatus.RESOLVED && current.status() != CommentStatus.RESOLVED;
            boolean keepResolution = status == CommentStatus.RESOLVED && !resolving;
            PhaseComment updated = new PhaseComment(
                    current.id(),
                    current.documentId(),
                    ticketId,
                    phase,
                    current.revision(),
                    current.lineNumber(),
                    current.lineText(),
                    change.content() == null
                            ? current.content()
                            : change.content().strip(),
                    change.suggestion() == null ? current.suggestion() : blankToNull(change.suggestion()),
                    status,
                    current.actor(),
                    resolving ? now : keepResolution ? current.resolvedAt() : null,
                    resolving ? actor : keepResolution ? current.resolvedBy() : null,
                    current.createdAt(),
                    now);
            dao.update(updated);
            return updated;
        });
    }

    /**
     * The open comments as the revision prompt lists them: {@code - Line 3 (by ana@x.io): text} and, for a
     * suggestion, the proposed replacement of the line.
     */
    static String forPrompt(Handle handle, UUID ticketId, WorkflowPhase phase) {
        return handle.attach(CommentDao.class).list(ticketId, phase).stream()
                .filter(comment -> comment.status() == CommentStatus.OPEN)
                .map(comment -> "- Line " + comment.lineNumber() + " (by "
                        + (comment.actor() == null ? "reviewer" : comment.actor()) + "): " + comment.content()
                        + (comment.suggestion() == null
                                ? ""
                                : "\n  **Suggestion:** replace the line `" + comment.lineText() + "` with:\n  "
                                        + comment.suggestion().replace("\n", "\n  ")))
                .collect(Collectors.joining("\n"));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
