package io.viberglass.platform.tickets;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The outside author of a ticket and the decision about them ({@code ticket_authors}). */
@RegisterConstructorMapper(TicketAuthor.class)
public interface TicketAuthorDao {
    String COLUMNS = "ticket_id, provider, identity, association, trusted, reason, state, decided_by, decided_at, "
            + "decision_reason, created_at";

    @SqlUpdate("insert into ticket_authors (" + COLUMNS + ") values (:ticketId, :provider, :identity, :association, "
            + ":trusted, :reason, :state, :decidedBy, :decidedAt, :decisionReason, :createdAt)")
    void insert(@BindMethods TicketAuthor author);

    @SqlQuery("select " + COLUMNS + " from ticket_authors where ticket_id = :ticketId")
    Optional<TicketAuthor> find(UUID ticketId);

    @SqlQuery("select " + COLUMNS + " from ticket_authors where ticket_id in (<ticketIds>)")
    List<TicketAuthor> findAll(@BindList(onEmpty = BindList.EmptyHandling.NULL_STRING) List<UUID> ticketIds);

    /** Read under a share lock: a decision taken meanwhile waits for the run being created, or the run for it. */
    @SqlQuery("select " + COLUMNS + " from ticket_authors where ticket_id = :ticketId for share")
    Optional<TicketAuthor> findForShare(UUID ticketId);

    @SqlQuery("select " + COLUMNS + " from ticket_authors where ticket_id = :ticketId for update")
    Optional<TicketAuthor> findForUpdate(UUID ticketId);

    /** Records an approver's decision, only on a ticket still awaiting one (two racing approvers: one wins). */
    @SqlUpdate("update ticket_authors set state = :state, decided_by = :actor, decided_at = :now, "
            + "decision_reason = :reason where ticket_id = :ticketId and state = 'awaiting'")
    int decide(UUID ticketId, TrustState state, String actor, String reason, Instant now);
}
