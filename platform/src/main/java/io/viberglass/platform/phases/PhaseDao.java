package io.viberglass.platform.phases;

import io.viberglass.platform.tickets.WorkflowPhase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Documents, revisions, approvals and runs of ticket phases. */
public interface PhaseDao {
    String DOCUMENT = "id, ticket_id, phase, content, revision, approval_state, approved_at, approved_by, created_at, "
            + "updated_at";

    /** Creates the empty draft document of a phase if it does not exist yet (documents are created lazily). */
    @SqlUpdate("insert into ticket_phase_documents (id, ticket_id, phase, created_at, updated_at) "
            + "values (:id, :ticketId, :phase, :now, :now) on conflict (ticket_id, phase) do nothing")
    void ensureDocument(UUID id, UUID ticketId, WorkflowPhase phase, Instant now);

    @SqlQuery("select " + DOCUMENT + " from ticket_phase_documents where ticket_id = :ticketId and phase = :phase")
    @RegisterConstructorMapper(PhaseDocument.class)
    Optional<PhaseDocument> document(UUID ticketId, WorkflowPhase phase);

    @SqlQuery("select " + DOCUMENT + " from ticket_phase_documents where ticket_id = :ticketId and phase = :phase "
            + "for update")
    @RegisterConstructorMapper(PhaseDocument.class)
    Optional<PhaseDocument> documentForUpdate(UUID ticketId, WorkflowPhase phase);

    @SqlUpdate("update ticket_phase_documents set content = :content, revision = :revision, "
            + "approval_state = :state, approved_at = :approvedAt, approved_by = :approvedBy, updated_at = :now "
            + "where id = :id")
    void updateDocument(
            UUID id,
            String content,
            int revision,
            ApprovalState state,
            Instant approvedAt,
            String approvedBy,
            Instant now);

    @SqlUpdate("insert into ticket_phase_revisions (id, document_id, ticket_id, phase, number, content, source, actor, "
            + "job_id, created_at) values (:id, :documentId, :ticketId, :phase, :number, :content, :source, :actor, "
            + ":jobId, :now)")
    void insertRevision(
            UUID id,
            UUID documentId,
            UUID ticketId,
            WorkflowPhase phase,
            int number,
            String content,
            String source,
            String actor,
            UUID jobId,
            Instant now);

    @SqlQuery("select id, document_id, phase, number, content, source, actor, job_id, created_at "
            + "from ticket_phase_revisions where ticket_id = :ticketId and phase = :phase order by number desc")
    @RegisterConstructorMapper(PhaseRevision.class)
    List<PhaseRevision> revisions(UUID ticketId, WorkflowPhase phase);

    @SqlUpdate(
            "insert into ticket_phase_approvals (id, ticket_id, phase, action, actor, comment, revision, created_at) "
                    + "values (:id, :ticketId, :phase, :action, :actor, :comment, :revision, :now)")
    void insertApproval(
            UUID id,
            UUID ticketId,
            WorkflowPhase phase,
            String action,
            String actor,
            String comment,
            int revision,
            Instant now);

    @SqlQuery("select action, actor, comment, revision, created_at from ticket_phase_approvals "
            + "where ticket_id = :ticketId and phase = :phase order by created_at, id")
    @RegisterConstructorMapper(ApprovalEvent.class)
    List<ApprovalEvent> approvals(UUID ticketId, WorkflowPhase phase);

    /** One entry of the approval audit trail. */
    record ApprovalEvent(String action, String actor, String comment, Integer revision, Instant createdAt) {}

    @SqlUpdate("insert into ticket_phase_runs (id, ticket_id, phase, job_id, clanker_id, revision_message, created_at) "
            + "values (:id, :ticketId, :phase, :jobId, :clankerId, :revisionMessage, :now)")
    void insertRun(
            UUID id,
            UUID ticketId,
            WorkflowPhase phase,
            UUID jobId,
            UUID clankerId,
            String revisionMessage,
            Instant now);

    @SqlQuery("select r.id, r.phase, r.job_id, j.status, r.clanker_id, c.name as clanker_name, "
            + "c.slug as clanker_slug, r.revision_message, r.created_at, j.started_at, j.finished_at "
            + "from ticket_phase_runs r join jobs j on j.id = r.job_id left join clankers c on c.id = r.clanker_id "
            + "where r.ticket_id = :ticketId and r.phase = :phase order by r.created_at desc, r.id limit :limit")
    @RegisterConstructorMapper(PhaseRun.class)
    List<PhaseRun> runs(UUID ticketId, WorkflowPhase phase, int limit);

    /** Whether a job of this kind is queued or running for the ticket (document edits wait for it). */
    @SqlQuery("select exists (select 1 from jobs where ticket_id = :ticketId and kind = :kind "
            + "and status in ('queued', 'active'))")
    boolean runInFlight(UUID ticketId, String kind);

    /** The state of the newest job of a kind for a ticket, if any. */
    @SqlQuery("select status || case when pull_request_url is null then '' else '+pr' end from jobs "
            + "where ticket_id = :ticketId and kind = :kind order by created_at desc, id limit 1")
    Optional<String> latestJobState(UUID ticketId, String kind);
}
