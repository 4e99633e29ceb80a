package io.viberglass.platform.llm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Budgets of projects, spending so far, and the warnings already given. */
public interface BudgetDao {
    @SqlQuery("select * from project_cost_controls where project_id = :projectId")
    @RegisterConstructorMapper(ProjectCostControls.class)
    Optional<ProjectCostControls> project(UUID projectId);

    @SqlUpdate("insert into project_cost_controls (project_id, run_budget_usd, monthly_budget_usd, updated_at) "
            + "values (:projectId, :runBudgetUsd, :monthlyBudgetUsd, :updatedAt) on conflict (project_id) do update "
            + "set run_budget_usd = excluded.run_budget_usd, monthly_budget_usd = excluded.monthly_budget_usd, "
            + "updated_at = excluded.updated_at")
    void saveProject(@BindMethods ProjectCostControls controls);

    /** What the recorded requests cost, and how many successful ones carried no usage to cost them by. */
    record Spent(BigDecimal costUsd, long unmeteredRequests) {}

    String SPENT = "select coalesce(sum(cost_usd), 0) as cost_usd, count(*) filter (where unmetered) as "
            + "unmetered_requests from llm_usage ";

    @SqlQuery(SPENT + "where job_id = :jobId")
    @RegisterConstructorMapper(Spent.class)
    Spent spentByJob(UUID jobId);

    @SqlQuery(SPENT + "where project_id = :projectId and created_at >= :from")
    @RegisterConstructorMapper(Spent.class)
    Spent spentByProjectSince(UUID projectId, Instant from);

    @SqlQuery(SPENT + "where clanker_id = :clankerId and created_at >= :from")
    @RegisterConstructorMapper(Spent.class)
    Spent spentByClankerSince(UUID clankerId, Instant from);

    /** True the first time only, so each warning is given once. */
    @SqlUpdate("insert into budget_warnings (scope_type, scope_id, period, created_at) "
            + "values (:scopeType, :scopeId, :period, :now) on conflict do nothing")
    int firstWarning(String scopeType, UUID scopeId, String period, Instant now);
}
