package io.viberglass.platform.egress;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(EgressPolicy.class)
public interface EgressPolicyDao {
    @SqlQuery("select clanker_id, mode, allowed_hosts, updated_at from clanker_egress_policies "
            + "where clanker_id = :clankerId")
    Optional<EgressPolicy> find(UUID clankerId);

    @SqlUpdate("insert into clanker_egress_policies (clanker_id, mode, allowed_hosts, updated_at) "
            + "values (:clankerId, :mode, cast(:allowedHostsJson as jsonb), :updatedAt) "
            + "on conflict (clanker_id) do update set mode = excluded.mode, "
            + "allowed_hosts = excluded.allowed_hosts, updated_at = excluded.updated_at")
    void save(@BindMethods EgressPolicy policy, String allowedHostsJson);
}
