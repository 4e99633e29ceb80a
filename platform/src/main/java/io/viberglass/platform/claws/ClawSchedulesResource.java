package io.viberglass.platform.claws;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.auth.Actor;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/claw/schedules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "claws")
@PermitAll
public class ClawSchedulesResource {
    private final ClawService claws;
    private final ProjectAccess access;

    public ClawSchedulesResource(ClawService claws, ProjectAccess access) {
        this.claws = claws;
        this.access = access;
    }

    public record Preview(List<Instant> nextRuns) {}

    @GET
    @Operation(summary = "List schedules")
    public List<ScheduleView> list(
            @Parameter(hidden = true) @Auth Actor actor,
            @QueryParam("projectId") UUID projectId,
            @QueryParam("isActive") Boolean active,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        if (projectId != null) {
            access.require(actor, projectId, ProjectPermission.VIEW);
        }
        return claws.schedules(projectId, active, access.scope(actor), limit, offset);
    }

    @POST
    @Operation(summary = "Create a schedule: an interval (30s, 15m, 2h, 1d, 1w) or a 6-field cron in a time zone")
    public Response create(@Parameter(hidden = true) @Auth Actor actor, @NotNull @Valid ClawRequests.Schedule request) {
        if (request.projectId() != null) {
            access.require(actor, request.projectId(), ProjectPermission.WRITE);
        }
        return Response.status(Response.Status.CREATED)
                .entity(claws.createSchedule(request))
                .build();
    }

    @GET
    @Path("/preview")
    @Operation(summary = "The next run times of an expression, before saving it")
    public Preview preview(
            @QueryParam("scheduleType") @DefaultValue("cron") String type,
            @QueryParam("intervalExpression") String interval,
            @QueryParam("cronExpression") String cron,
            @QueryParam("timezone") @DefaultValue("UTC") String timezone,
            @QueryParam("count") @DefaultValue("5") @Min(1) @Max(20) int count) {
        return new Preview(claws.preview(type, interval, cron, timezone, count));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a schedule with its next run times")
    public ScheduleView get(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.requireClawSchedule(actor, id, ProjectPermission.VIEW);
        return claws.schedule(id);
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Update a schedule")
    public ScheduleView update(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @NotNull @Valid ClawRequests.Schedule request) {
        access.requireClawSchedule(actor, id, ProjectPermission.WRITE);
        return claws.updateSchedule(id, request);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a schedule and its history")
    public void delete(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.requireClawSchedule(actor, id, ProjectPermission.WRITE);
        claws.deleteSchedule(id);
    }

    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause a schedule (409 when already paused)")
    public ScheduleView pause(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.requireClawSchedule(actor, id, ProjectPermission.WRITE);
        return claws.pause(id);
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a schedule from its next slot (409 when already active)")
    public ScheduleView resume(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.requireClawSchedule(actor, id, ProjectPermission.WRITE);
        return claws.resume(id);
    }
}
