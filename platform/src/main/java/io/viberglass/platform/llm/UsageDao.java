package io.viberglass.platform.llm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface UsageDao {
    /** One proxied request as recorded. */
    record Request(
            UUID jobId,
            UUID projectId,
            UUID ticketId,
            UUID clankerId,
            String provider,
            String model,
            int status,
            boolean streamed,
            long inputTokens,
            long outputTokens,
            long cachedInputTokens,
            long cacheWriteTokens,
            BigDecimal costUsd,
            boolean unmetered,
            Instant createdAt) {}

    /**
     * Sums over a set of requests; {@code costUsd} counts only priced requests, {@code unpricedRequests} those with
     * tokens but no price, {@code unmeteredRequests} successful ones whose answer carried no usage.
     */
    record Totals(
            long requests,
            long inputTokens,
            long outputTokens,
            long cachedInputTokens,
            long cacheWriteTokens,
            BigDecimal costUsd,
            long unpricedRequests,
            long unmeteredRequests) {}

    String SUMS = "count(*) as requests, coalesce(sum(input_tokens), 0) as input_tokens, "
            + "coalesce(sum(output_tokens), 0) as output_tokens, "
            + "coalesce(sum(cached_input_tokens), 0) as cached_input_tokens, "
            + "coalesce(sum(cache_write_tokens), 0) as cache_write_tokens, "
            + "coalesce(sum(cost_usd), 0) as cost_usd, count(*) filter (where cost_usd is null and not unmetered) as unpriced_requests, "
            + "count(*) filter (where unmetered) as unmetered_requests";

    @SqlUpdate("insert into llm_usage (job_id, project_id, ticket_id, clanker_id, provider, model, status, streamed, "
            + "input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, cost_usd, unmetered, created_at) "
            + "values "
            + "(:jobId, :projectId, :ticketId, :clankerId, :provider, :model, :status, :streamed, :inputTokens, "
            + ":outputTokens, :cachedInputTokens, :cacheWriteTokens, :costUsd, :unmetered, :createdAt)")
    void insert(@BindMethods Request request);

    @SqlQuery("select " + SUMS + " from llm_usage where job_id = :jobId")
    @RegisterConstructorMapper(Totals.class)
    Totals forJob(UUID jobId);

    @SqlQuery("select " + SUMS + " from llm_usage where ticket_id = :ticketId")
    @RegisterConstructorMapper(Totals.class)
    Totals forTicket(UUID ticketId);

    @SqlQuery("select " + SUMS + " from llm_usage where project_id = :projectId "
            + "and created_at >= :from and created_at < :to")
    @RegisterConstructorMapper(Totals.class)
    Totals forProject(UUID projectId, Instant from, Instant to);

    @SqlQuery("select " + SUMS + " from llm_usage where clanker_id = :clankerId "
            + "and created_at >= :from and created_at < :to")
    @RegisterConstructorMapper(Totals.class)
    Totals forClanker(UUID clankerId, Instant from, Instant to);
}
