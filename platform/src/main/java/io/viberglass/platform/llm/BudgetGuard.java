package io.viberglass.platform.llm;

import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.jobs.JobQueue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The budgets of a run: per run and per calendar month (UTC), set on its project and on its clanker. The proxy asks
 * before each request whether one is used up, and after each whether one passed 80 % (a warning, given once per
 * budget and period, to the audit log). As a queue listener it refuses new runs of a project (or clanker) whose
 * monthly budget is used up, until the budget is raised.
 */
public class BudgetGuard implements JobQueue.QueueListener {
    static final BigDecimal WARN_AT = new BigDecimal("0.8");

    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditLog audit;
    private final BigDecimal unmeteredRequestCost;

    /**
     * @param unmeteredRequestCost what a successful request whose answer carried no usage counts as against a budget
     *     (its real cost is unknown; counting it as free would let a run spend past its budget unseen)
     */
    public BudgetGuard(Jdbi jdbi, Clock clock, AuditLog audit, BigDecimal unmeteredRequestCost) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.audit = audit;
        this.unmeteredRequestCost = unmeteredRequestCost;
    }

    /**
     * One budget and what was spent against it.
     *
     * @param scope {@code run}, {@code project} or {@code clanker}
     * @param period the job id for a run budget, {@code YYYY-MM} for monthly ones
     * @param spent the recorded cost plus the fallback cost of each unmetered request
     * @param unmeteredRequests requests counted at the fallback cost
     */
    public record Limit(
            String scope, UUID scopeId, String period, BigDecimal budget, BigDecimal spent, long unmeteredRequests) {
        boolean usedUp() {
            return spent.compareTo(budget) >= 0;
        }

        boolean nearlyUsedUp() {
            return spent.compareTo(budget.multiply(WARN_AT)) >= 0;
        }

        String describe() {
            String what =
                    switch (scope) {
                        case "run" -> "run budget";
                        case "project" -> "project's monthly budget for " + period;
                        default -> "clanker's monthly budget for " + period;
                    };
            return "The " + what + " of $" + budget.toPlainString() + " is "
                    + (usedUp() ? "used up" : "80% used") + " ($"
                    + spent.setScale(4, RoundingMode.HALF_UP)
                            .stripTrailingZeros()
                            .toPlainString() + " spent"
                    + (unmeteredRequests == 0
                            ? ""
                            : ", counting " + unmeteredRequests + " request" + (unmeteredRequests == 1 ? "" : "s")
                                    + " whose answer carried no usage at the fallback cost")
                    + ")";
        }
    }

    /** The first budget of this run that is used up, if any. */
    public Optional<Limit> usedUp(UUID jobId, UUID projectId, UUID clankerId) {
        return jdbi.withHandle(handle -> limits(handle, jobId, projectId, clankerId).stream()
                .filter(Limit::usedUp)
                .findFirst());
    }

    /** Gives the 80 % warnings this run's spending just earned. */
    public void warn(UUID jobId, UUID projectId, UUID clankerId) {
        jdbi.useTransaction(handle -> {
            Instant now = clock.instant();
            for (Limit limit : limits(handle, jobId, projectId, clankerId)) {
                if (limit.nearlyUsedUp()
                        && handle.attach(BudgetDao.class)
                                        .firstWarning(limit.scope(), limit.scopeId(), limit.period(), now)
                                == 1) {
                    audit.record(
                            handle,
                            AuditEntry.anonymous("model-proxy", "budget.warning")
                                    .project(projectId)
                                    .target("job", jobId)
                                    .detail("scope", limit.scope())
                                    .detail("period", limit.period())
                                    .detail("budgetUsd", limit.budget().toPlainString())
                                    .detail("spentUsd", limit.spent().toPlainString()));
                    handle.execute(
                            "insert into job_progress (job_id, step, message, details, created_at) "
                                    + "values (?, 'budget-warning', ?, '{}', ?)",
                            jobId,
                            limit.describe(),
                            now);
                }
            }
        });
    }

    /**
     * A request whose answer carried no usage was recorded: when a budget applies to the run, the budget counts it at
     * the fallback cost, which the audit log and the run's progress say.
     */
    public void unmetered(UUID jobId, UUID projectId, UUID clankerId, ModelProvider provider, int status) {
        jdbi.useTransaction(handle -> {
            if (limits(handle, jobId, projectId, clankerId).isEmpty()) {
                return;
            }
            Instant now = clock.instant();
            audit.record(
                    handle,
                    AuditEntry.anonymous("model-proxy", "budget.unmetered_request")
                            .project(projectId)
                            .target("job", jobId)
                            .detail("provider", provider.wire())
                            .detail("status", String.valueOf(status))
                            .detail("countedUsd", unmeteredRequestCost.toPlainString()));
            handle.execute(
                    "insert into job_progress (job_id, step, message, details, created_at) "
                            + "values (?, 'unmetered-request', ?, '{}', ?)",
                    jobId,
                    "A model answer carried no token usage; the budget counts it as $"
                            + unmeteredRequestCost.toPlainString(),
                    now);
        });
    }

    /** A project or clanker whose monthly budget is used up queues nothing until the budget is raised. */
    @Override
    public void onQueued(Handle handle, JobQueue.NewJob job, Instant now) {
        for (Limit limit : limits(handle, null, job.projectId(), job.clankerId())) {
            if (limit.usedUp()) {
                throw DomainException.conflict(
                        "BUDGET_EXCEEDED",
                        limit.describe() + "; raise it to queue new runs (PUT /api/"
                                + (limit.scope().equals("project") ? "projects" : "clankers") + "/" + limit.scopeId()
                                + "/cost-controls)");
            }
        }
    }

    /** Every budget that applies; the run budget only when a job is given. */
    List<Limit> limits(Handle handle, UUID jobId, UUID projectId, UUID clankerId) {
        BudgetDao budgets = handle.attach(BudgetDao.class);
        Optional<ProjectCostControls> project = budgets.project(projectId);
        Optional<CostControls> clanker = clankerId == null
                ? Optional.empty()
                : handle.attach(CostControlsDao.class).find(clankerId);
        YearMonth month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        Instant monthStart = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        List<Limit> limits = new ArrayList<>();
        if (jobId != null) {
            BigDecimal run = smaller(
                    project.map(ProjectCostControls::runBudgetUsd).orElse(null),
                    clanker.map(CostControls::runBudgetUsd).orElse(null));
            if (run != null) {
                limits.add(spent("run", jobId, jobId.toString(), run, budgets.spentByJob(jobId)));
            }
        }
        project.map(ProjectCostControls::monthlyBudgetUsd)
                .ifPresent(budget -> limits.add(spent(
                        "project",
                        projectId,
                        month.toString(),
                        budget,
                        budgets.spentByProjectSince(projectId, monthStart))));
        clanker.map(CostControls::monthlyBudgetUsd)
                .ifPresent(budget -> limits.add(spent(
                        "clanker",
                        clankerId,
                        month.toString(),
                        budget,
                        budgets.spentByClankerSince(clankerId, monthStart))));
        return limits;
    }

    private Limit spent(String scope, UUID scopeId, String period, BigDecimal budget, BudgetDao.Spent spent) {
        BigDecimal counted =
                spent.costUsd().add(unmeteredRequestCost.multiply(BigDecimal.valueOf(spent.unmeteredRequests())));
        return new Limit(scope, scopeId, period, budget, counted, spent.unmeteredRequests());
    }

    private static BigDecimal smaller(BigDecimal a, BigDecimal b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) <= 0 ? a : b;
    }
}
