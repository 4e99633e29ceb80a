package io.viberglass.platform.llm;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.projects.ProjectsResource;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** A project's budgets (per run and per month), beside the project's own routes. */
@Path("/projects/{id: " + ProjectsResource.ITEM_ID + "}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "usage")
@PermitAll
public class ProjectCostControlsResource {
    private final Jdbi jdbi;
    private final Clock clock;
    private final ProjectAccess access;
    private final AuditLog audit;

    public ProjectCostControlsResource(Jdbi jdbi, Clock clock, ProjectAccess access, AuditLog audit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.access = access;
        this.audit = audit;
    }

    @GET
    @Path("/cost-controls")
    @Operation(summary = "A project's budgets per run and per month")
    public ProjectCostControls getProjectCostControls(
            @Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.require(actor, id, ProjectPermission.VIEW);
        return jdbi.withExtension(BudgetDao.class, dao -> dao.project(id))
                .orElse(new ProjectCostControls(id, null, null, null));
    }

    @PUT
    @Path("/cost-controls")
    @Operation(summary = "Set a project's budgets (project administrators); raising one lets runs queue again")
    public ProjectCostControls setProjectCostControls(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @NotNull @Valid ProjectCostControlsRequest request) {
        access.require(actor, id, ProjectPermission.ADMIN);
        ProjectCostControls controls =
                new ProjectCostControls(id, request.runBudgetUsd(), request.monthlyBudgetUsd(), clock.instant());
        jdbi.useTransaction(handle -> {
            handle.attach(BudgetDao.class).saveProject(controls);
            audit.record(
                    handle,
                    AuditEntry.by(actor, "project.cost_controls_changed")
                            .project(id)
                            .target("project", id)
                            .detail("runBudgetUsd", String.valueOf(controls.runBudgetUsd()))
                            .detail("monthlyBudgetUsd", String.valueOf(controls.monthlyBudgetUsd())));
        });
        return controls;
    }
}
