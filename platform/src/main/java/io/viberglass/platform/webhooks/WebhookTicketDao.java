package io.viberglass.platform.webhooks;

import io.viberglass.platform.tickets.TicketSystem;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Finds the ticket an outside issue already became, and whether it already ran. */
public interface WebhookTicketDao {
    @SqlQuery("select id from tickets where project_id = :projectId and ticket_system = :system "
            + "and external_ticket_id = :externalId order by created_at desc, id limit 1")
    Optional<UUID> bySource(UUID projectId, TicketSystem system, String externalId);

    @SqlQuery("select exists (select 1 from jobs where ticket_id = :ticketId and kind = 'execution' "
            + "and status in ('queued', 'active', 'completed'))")
    boolean hasExecution(UUID ticketId);
}
