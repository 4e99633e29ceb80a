package io.viberglass.platform.clankers;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ClankerFile.class)
public interface ClankerFileDao {
    @SqlQuery("select path, content, updated_at from clanker_files where clanker_id = :clankerId order by path")
    List<ClankerFile> list(UUID clankerId);

    @SqlQuery("select path, content, updated_at from clanker_files where clanker_id = :clankerId and path = :path")
    Optional<ClankerFile> find(UUID clankerId, String path);

    @SqlUpdate("insert into clanker_files (clanker_id, path, content, updated_at) values (:clankerId, :path, "
            + ":content, :updatedAt) on conflict (clanker_id, path) do update set content = excluded.content, "
            + "updated_at = excluded.updated_at")
    void put(UUID clankerId, String path, String content, java.time.Instant updatedAt);

    @SqlUpdate("delete from clanker_files where clanker_id = :clankerId and path = :path")
    int delete(UUID clankerId, String path);

    @SqlUpdate("delete from clanker_files where clanker_id = :clankerId")
    void clear(UUID clankerId);
}
