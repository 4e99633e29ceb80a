package io.viberglass.platform.audit;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(AuditEvent.class)
public interface AuditDao {
    String COLUMNS = "seq, id, occurred_at, actor, actor_user_id, action, target_type, target_id, project_id, ip, "
            + "details, previous_hash, hash";

    /** Appends happen one at a time, so each sees the hash of the row before it. */
    long CHAIN_LOCK = 7_201_002L;

    @SqlQuery("select 1 from (select pg_advisory_xact_lock(" + CHAIN_LOCK + ")) locked")
    int lockChain();

    @SqlQuery("select hash from audit_events order by seq desc limit 1")
    Optional<String> lastHash();

    @SqlUpdate("insert into audit_events (id, occurred_at, actor, actor_user_id, action, target_type, target_id, "
            + "project_id, ip, details, previous_hash, hash) values (:id, :occurredAt, :actor, :actorUserId, :action, "
            + ":targetType, :targetId, :projectId, :ip, :details, :previousHash, :hash)")
    void insert(@BindMethods AuditEvent event);

    @SqlQuery("select " + COLUMNS + " from audit_events where (cast(:beforeSeq as bigint) is null or seq < :beforeSeq)"
            + " and (cast(:action as text) is null or action = :action)"
            + " and (cast(:projectId as uuid) is null or project_id = :projectId)"
            + " order by seq desc limit :limit")
    List<AuditEvent> page(Long beforeSeq, String action, UUID projectId, int limit);

    @SqlQuery("select " + COLUMNS + " from audit_events where seq > :afterSeq order by seq limit :limit")
    List<AuditEvent> chain(long afterSeq, int limit);
}
