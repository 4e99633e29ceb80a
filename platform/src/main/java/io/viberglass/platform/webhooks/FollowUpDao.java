package io.viberglass.platform.webhooks;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Pull requests runs opened, and the follow-up runs started on them. */
public interface FollowUpDao {
    /** The latest run of a project that opened this pull request (by URL) or pushed this branch with a PR. */
    record Origin(UUID jobId, UUID ticketId, UUID clankerId, String branch, String pullRequestUrl) {}

    @SqlQuery("select id as job_id, ticket_id, clanker_id, branch, pull_request_url from jobs "
            + "where project_id = :projectId and ticket_id is not null and pull_request_url is not null "
            + "and branch is not null and (pull_request_url = :url or branch = :branch) "
            + "order by created_at desc, id limit 1")
    @RegisterConstructorMapper(Origin.class)
    Optional<Origin> origin(UUID projectId, String url, String branch);

    @SqlQuery("select count(*) from pull_request_follow_ups where pull_request_url = :url")
    int count(String url);

    @SqlQuery("select exists (select 1 from pull_request_follow_ups where pull_request_url = :url "
            + "and head_sha = :headSha and trigger = :trigger)")
    boolean existsForHead(String url, String headSha, String trigger);

    @SqlUpdate("insert into pull_request_follow_ups (id, ticket_id, pull_request_url, branch, head_sha, trigger, "
            + "delivery_id, job_id, created_at) values (:id, :ticketId, :url, :branch, :headSha, :trigger, "
            + ":deliveryId, :jobId, :now)")
    void insert(
            UUID id,
            UUID ticketId,
            String url,
            String branch,
            String headSha,
            String trigger,
            UUID deliveryId,
            UUID jobId,
            Instant now);
}
