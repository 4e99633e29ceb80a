package io.viberglass.platform.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(User.class)
public interface UserDao {
    String COLUMNS = "id, email, name, password_hash, role, active, initial_admin, created_at, updated_at";

    /** Serializes the changes that must keep at least one active administrator (and first-run setup). */
    long ADMINS_LOCK = 7_201_001L;

    @SqlUpdate("insert into users (" + COLUMNS + ") values (:id, :email, :name, :passwordHash, :role, :active, "
            + ":initialAdmin, :createdAt, :updatedAt)")
    void insert(@BindMethods User user);

    @SqlQuery("select " + COLUMNS + " from users where id = :id")
    Optional<User> find(UUID id);

    @SqlQuery("select " + COLUMNS + " from users where id = :id for update")
    Optional<User> findForUpdate(UUID id);

    @SqlQuery("select " + COLUMNS + " from users where email = :email")
    Optional<User> findByEmail(String email);

    @SqlQuery("select " + COLUMNS + " from users order by created_at, id limit :limit offset :offset")
    List<User> list(int limit, int offset);

    @SqlQuery("select count(*) from users")
    long count();

    @SqlQuery("select count(*) from users where role = 'admin' and active")
    long countActiveAdmins();

    @SqlUpdate("update users set role = :role, updated_at = :now where id = :id")
    int setRole(UUID id, GlobalRole role, Instant now);

    @SqlUpdate("update users set active = :active, updated_at = :now where id = :id")
    int setActive(UUID id, boolean active, Instant now);

    @SqlUpdate("update users set password_hash = :passwordHash, updated_at = :now where id = :id")
    int setPassword(UUID id, String passwordHash, Instant now);

    /** Holds a transaction-scoped advisory lock; the value is meaningless. */
    @SqlQuery("select 1 from (select pg_advisory_xact_lock(:key)) locked")
    int lock(long key);
}
