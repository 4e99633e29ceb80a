package io.viberglass.platform.claws;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.auth.Actor;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

@Path("/claw")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "claws")
@PermitAll
public class ClawExecutionsResource {
    private final ClawService claws;
    private final ProjectAccess access;

    public ClawExecutionsResource(ClawService claws, ProjectAccess access) {
        this.claws = claws;
        this.access = access;
    }

    public record ExecutionView(ClawExecution execution, List<String> webhookDeliveries) {}

    @GET
    @Path("/executions")
    @Operation(summary = "Executions, newest first")
    public List<ClawExecution> executions(
            @Parameter(hidden = true) @Auth Actor actor,
            @QueryParam("scheduleId") UUID scheduleId,
            @QueryParam("status") @Pattern(regexp = "pending|running|completed|failed|cancelled") String status,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        if (scheduleId != null) {
            access.requireClawSchedule(actor, scheduleId, ProjectPermission.VIEW);
        }
        return claws.executions(scheduleId, status, access.scope(actor), limit, offset);
    }

    @GET
    @Path("/executions/{id}")
    @Operation(summary = "An execution with the state of its webhook deliveries")
    public ExecutionView execution(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.requireClawExecution(actor, id, ProjectPermission.VIEW);
        return new ExecutionView(claws.execution(id), claws.deliveries(id));
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Counts of templates, schedules and executions")
    public ClawService.Stats stats(@Parameter(hidden = true) @Auth Actor actor) {
        return claws.stats(access.scope(actor));
    }
}
