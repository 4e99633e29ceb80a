package io.viberglass.platform.llm;

import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.auth.Actor;
import java.time.Clock;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Reads and sets a project's budgets; every change is audited. */
public class ProjectCostControlsService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditLog audit;

    public ProjectCostControlsService(Jdbi jdbi, Clock clock, AuditLog audit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.audit = audit;
    }

    public ProjectCostControls get(UUID projectId) {
        return jdbi.withExtension(BudgetDao.class, dao -> dao.project(projectId))
                .orElse(new ProjectCostControls(projectId, null, null, null));
    }

    public ProjectCostControls set(Actor actor, UUID projectId, ProjectCostControlsRequest request) {
        ProjectCostControls controls =
                new ProjectCostControls(projectId, request.runBudgetUsd(), request.monthlyBudgetUsd(), clock.instant());
        jdbi.useTransaction(handle -> {
            handle.attach(BudgetDao.class).saveProject(controls);
            audit.record(
                    handle,
                    AuditEntry.by(actor, "project.cost_controls_changed")
                            .project(projectId)
                            .target("project", projectId)
                            .detail("runBudgetUsd", String.valueOf(controls.runBudgetUsd()))
                            .detail("monthlyBudgetUsd", String.valueOf(controls.monthlyBudgetUsd())));
        });
        return controls;
    }
}
