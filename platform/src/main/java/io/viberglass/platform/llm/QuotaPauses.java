package io.viberglass.platform.llm;

import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses a clanker's queue when its provider says it is out of quota (a 429 with a reset time): the dispatcher starts
 * none of its jobs until then, and resumes on its own once the time has passed. Running jobs are left alone (their
 * agent retries as it would against the provider), and queued jobs wait instead of failing one after another.
 */
public class QuotaPauses {
    private static final Logger LOG = LoggerFactory.getLogger(QuotaPauses.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditLog audit;

    public QuotaPauses(Jdbi jdbi, Clock clock, AuditLog audit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.audit = audit;
    }

    public interface PauseDao {
        /** Extends a pause, never shortens one. */
        @SqlUpdate("insert into clanker_pauses (clanker_id, paused_until, reason, updated_at) "
                + "values (:clankerId, :until, :reason, :now) on conflict (clanker_id) do update set "
                + "paused_until = greatest(clanker_pauses.paused_until, excluded.paused_until), "
                + "reason = excluded.reason, updated_at = excluded.updated_at")
        void pause(UUID clankerId, Instant until, String reason, Instant now);

        @SqlQuery("select paused_until from clanker_pauses where clanker_id = :clankerId and paused_until > :now")
        Optional<Instant> pausedUntil(UUID clankerId, Instant now);
    }

    /** Looks at a provider's answer; a 429 that names a reset time pauses the clanker until then. */
    void onAnswer(UUID clankerId, UUID jobId, int status, Map<String, List<String>> headers) {
        if (status != 429) {
            return;
        }
        Instant now = clock.instant();
        QuotaReset.of(headers, now).ifPresent(until -> {
            jdbi.useTransaction(handle -> {
                handle.attach(PauseDao.class).pause(clankerId, until, "provider answered 429", now);
                audit.record(
                        handle,
                        AuditEntry.anonymous("model-proxy", "clanker.paused_for_quota")
                                .target("clanker", clankerId)
                                .detail("job", jobId)
                                .detail("until", until));
            });
            LOG.info("Clanker {} paused until {}: its provider answered 429 (job {})", clankerId, until, jobId);
        });
    }

    public Optional<Instant> pausedUntil(UUID clankerId) {
        return jdbi.withExtension(PauseDao.class, dao -> dao.pausedUntil(clankerId, clock.instant()));
    }
}
