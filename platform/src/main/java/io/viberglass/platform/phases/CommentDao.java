package io.viberglass.platform.phases;

import io.viberglass.platform.tickets.WorkflowPhase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(PhaseComment.class)
public interface CommentDao {
    String COLUMNS =
            "id, document_id, ticket_id, phase, revision, line_number, line_text, content, suggestion, status, "
                    + "actor, resolved_at, resolved_by, created_at, updated_at";

    @SqlUpdate("insert into ticket_phase_comments (" + COLUMNS + ") values (:id, :documentId, :ticketId, :phase, "
            + ":revision, :lineNumber, :lineText, :content, :suggestion, :status, :actor, :resolvedAt, :resolvedBy, "
            + ":createdAt, :updatedAt)")
    void insert(@BindMethods PhaseComment comment);

    @SqlUpdate("update ticket_phase_comments set revision = :revision, line_number = :lineNumber, content = :content, "
            + "suggestion = :suggestion, status = :status, resolved_at = :resolvedAt, resolved_by = :resolvedBy, "
            + "updated_at = :updatedAt where id = :id")
    void update(@BindMethods PhaseComment comment);

    @SqlQuery("select " + COLUMNS + " from ticket_phase_comments where ticket_id = :ticketId and phase = :phase "
            + "order by line_number, created_at, id")
    List<PhaseComment> list(UUID ticketId, WorkflowPhase phase);

    @SqlQuery("select " + COLUMNS + " from ticket_phase_comments where id = :id and ticket_id = :ticketId "
            + "and phase = :phase for update")
    Optional<PhaseComment> findForUpdate(UUID id, UUID ticketId, WorkflowPhase phase);

    @SqlQuery("select " + COLUMNS + " from ticket_phase_comments where document_id = :documentId and status = 'open' "
            + "for update")
    List<PhaseComment> openForUpdate(UUID documentId);

    static PhaseComment moved(PhaseComment comment, int revision, int lineNumber, CommentStatus status, Instant now) {
        return new PhaseComment(
                comment.id(),
                comment.documentId(),
                comment.ticketId(),
                comment.phase(),
                revision,
                lineNumber,
                comment.lineText(),
                comment.content(),
                comment.suggestion(),
                status,
                comment.actor(),
                comment.resolvedAt(),
                comment.resolvedBy(),
                comment.createdAt(),
                now);
    }
}
