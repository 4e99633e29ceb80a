package io.viberglass.platform.tickets;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(TicketMedia.class)
public interface MediaDao {
    @SqlUpdate(
            "insert into ticket_media (id, ticket_id, kind, filename, mime_type, size_bytes, storage_url, created_at) "
                    + "values (:id, :ticketId, :kind, :filename, :mimeType, :sizeBytes, :storageUrl, :createdAt)")
    void insert(@BindMethods TicketMedia media);

    @SqlQuery("select * from ticket_media where ticket_id = :ticketId order by created_at, id")
    List<TicketMedia> forTicket(UUID ticketId);

    @SqlQuery("select * from ticket_media where id = :id")
    Optional<TicketMedia> find(UUID id);

    @SqlQuery("select storage_url from ticket_media where ticket_id = :ticketId")
    List<String> storageUrlsOfTicket(UUID ticketId);
}
