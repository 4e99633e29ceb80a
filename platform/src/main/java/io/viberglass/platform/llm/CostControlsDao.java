package io.viberglass.platform.llm;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(CostControls.class)
public interface CostControlsDao {
    @SqlQuery("select * from clanker_cost_controls where clanker_id = :clankerId")
    Optional<CostControls> find(UUID clankerId);

    @SqlUpdate("insert into clanker_cost_controls (clanker_id, model_broker, run_budget_usd, monthly_budget_usd, "
            + "stuck_after_minutes, repeated_tool_call_limit, updated_at) values (:clankerId, :modelBroker, "
            + ":runBudgetUsd, :monthlyBudgetUsd, :stuckAfterMinutes, :repeatedToolCallLimit, :updatedAt) "
            + "on conflict (clanker_id) do update set model_broker = excluded.model_broker, "
            + "run_budget_usd = excluded.run_budget_usd, monthly_budget_usd = excluded.monthly_budget_usd, "
            + "stuck_after_minutes = excluded.stuck_after_minutes, "
            + "repeated_tool_call_limit = excluded.repeated_tool_call_limit, updated_at = excluded.updated_at")
    void save(@BindMethods CostControls controls);
}
