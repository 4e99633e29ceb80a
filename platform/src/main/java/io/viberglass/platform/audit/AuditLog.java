package io.viberglass.platform.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.common.security.Tokens;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The tamper-evident audit log. Each event's hash is SHA-256 over the previous event's hash and the event's canonical
 * content, so changing, removing or reordering any stored row breaks the chain from that row on; {@link #verify}
 * walks the chain and names the first row that does not fit. The table itself refuses UPDATE, DELETE and TRUNCATE.
 */
public class AuditLog {
    static final String GENESIS = "0".repeat(64);
    private static final int VERIFY_BATCH = 1000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final ObjectMapper mapper;

    public AuditLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        // a plain mapper of its own: the canonical form of stored events must never change with the API's settings
        this.mapper = new ObjectMapper();
    }

    /** Appends in its own transaction. */
    public AuditEvent record(AuditEntry entry) {
        return jdbi.inTransaction(handle -> record(handle, entry));
    }

    /** Appends inside the caller's transaction, so the event commits (or not) with the change it describes. */
    public AuditEvent record(Handle handle, AuditEntry entry) {
        if (!handle.isInTransaction()) {
            return handle.inTransaction(h -> record(h, entry));
        }
        AuditDao dao = handle.attach(AuditDao.class);
        dao.lockChain();
        String previous = dao.lastHash().orElse(GENESIS);
        // PostgreSQL keeps microseconds: hash exactly what will be read back
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String details = canonical(new TreeMap<>(entry.details()));
        AuditEvent unsigned = new AuditEvent(
                0,
                UUID.randomUUID(),
                at,
                entry.actor(),
                entry.actorUserId(),
                entry.action(),
                entry.targetType(),
                entry.targetId(),
                entry.projectId(),
                entry.ip(),
                details,
                previous,
                null);
        AuditEvent event = withHash(unsigned, hash(previous, unsigned));
        dao.insert(event);
        return event;
    }

    public List<AuditEvent> page(Long beforeSeq, String action, UUID projectId, int limit) {
        return jdbi.withExtension(AuditDao.class, dao -> dao.page(beforeSeq, action, projectId, limit));
    }

    /** The outcome of walking the chain: the first event that does not fit, if any. */
    public record Verification(boolean valid, long checked, Long brokenAtSeq, UUID brokenAtId, String problem) {}

    public Verification verify() {
        return jdbi.withHandle(handle -> {
            AuditDao dao = handle.attach(AuditDao.class);
            String previous = GENESIS;
            long checked = 0;
            long after = 0;
            while (true) {
                List<AuditEvent> batch = dao.chain(after, VERIFY_BATCH);
                if (batch.isEmpty()) {
                    return new Verification(true, checked, null, null, null);
                }
                for (AuditEvent event : batch) {
                    if (!event.previousHash().equals(previous)) {
                        return broken(checked, event, "previous_hash does not match the hash of the event before it");
                    }
                    if (!hash(previous, event).equals(event.hash())) {
                        return broken(checked, event, "content does not match its hash");
                    }
                    previous = event.hash();
                    after = event.seq();
                    checked++;
                }
            }
        });
    }

    private static Verification broken(long checked, AuditEvent event, String problem) {
        return new Verification(false, checked, event.seq(), event.id(), problem);
    }

    /** SHA-256 of the previous hash and the event's canonical content (every column but seq and hash). */
    String hash(String previous, AuditEvent event) {
        Map<String, String> content = new LinkedHashMap<>();
        content.put("id", event.id().toString());
        content.put("occurredAt", event.occurredAt().toString());
        content.put("actor", event.actor());
        content.put("actorUserId", string(event.actorUserId()));
        content.put("action", event.action());
        content.put("targetType", event.targetType());
        content.put("targetId", event.targetId());
        content.put("projectId", string(event.projectId()));
        content.put("ip", event.ip());
        content.put("details", event.details());
        return Tokens.sha256Hex(previous + canonical(content));
    }

    private String canonical(Map<String, String> values) {
        try {
            return mapper.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A map of strings always serialises", e);
        }
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static AuditEvent withHash(AuditEvent e, String hash) {
        return new AuditEvent(
                e.seq(),
                e.id(),
                e.occurredAt(),
                e.actor(),
                e.actorUserId(),
                e.action(),
                e.targetType(),
                e.targetId(),
                e.projectId(),
                e.ip(),
                e.details(),
                e.previousHash(),
                hash);
    }
}
