package io.viberglass.platform.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Member.class)
public interface MembershipDao {
    String SELECT = "select m.project_id, m.user_id, u.email, u.name, m.role, m.created_at, m.updated_at "
            + "from project_members m join users u on u.id = m.user_id ";

    @SqlQuery(SELECT + "where m.project_id = :projectId order by u.email")
    List<Member> list(UUID projectId);

    @SqlQuery(SELECT + "where m.project_id = :projectId and m.user_id = :userId")
    Optional<Member> find(UUID projectId, UUID userId);

    /** Adds the member or changes their role; answers the role they had before, if any. */
    @SqlQuery("with previous as (select role from project_members where project_id = :projectId "
            + "and user_id = :userId for update), "
            + "upserted as (insert into project_members (project_id, user_id, role, created_at, updated_at) "
            + "values (:projectId, :userId, :role, :now, :now) on conflict (project_id, user_id) "
            + "do update set role = excluded.role, updated_at = excluded.updated_at returning 1) "
            + "select (select role from previous) from upserted")
    Optional<ProjectRole> upsert(UUID projectId, UUID userId, ProjectRole role, Instant now);

    @SqlUpdate("delete from project_members where project_id = :projectId and user_id = :userId")
    int remove(UUID projectId, UUID userId);

    @SqlQuery("select id from users where id = :userId")
    Optional<UUID> user(UUID userId);

    @SqlQuery("select id from users where email = :email")
    Optional<UUID> userByEmail(String email);
}
