package io.viberglass.platform.claws;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
public class ClawExecutionsResource {
    private final ClawService claws;

    public ClawExecutionsResource(ClawService claws) {
        this.claws = claws;
    }

    public record ExecutionView(ClawExecution execution, List<String> webhookDeliveries) {}

    @GET
    @Path("/executions")
    @Operation(summary = "Executions, newest first")
    public List<ClawExecution> executions(
            @QueryParam("scheduleId") UUID scheduleId,
            @QueryParam("status") @Pattern(regexp = "pending|running|completed|failed|cancelled") String status,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        return claws.executions(scheduleId, status, limit, offset);
    }

    @GET
    @Path("/executions/{id}")
    @Operation(summary = "An execution with the state of its webhook deliveries")
    public ExecutionView execution(@PathParam("id") UUID id) {
        return new ExecutionView(claws.execution(id), claws.deliveries(id));
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Counts of templates, schedules and executions")
    public ClawService.Stats stats() {
        return claws.stats();
    }
}
