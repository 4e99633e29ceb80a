package io.viberglass.platform.jobs;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobStatus;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.infra.api.CsvParam;
import io.viberglass.platform.infra.api.Page;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
@PermitAll
public class JobsResource {
    private final JobService jobs;
    private final ProjectAccess access;

    public JobsResource(JobService jobs, ProjectAccess access) {
        this.jobs = jobs;
        this.access = access;
    }

    public record LogPage(List<JobLog> logs, long nextAfterId) {}

    @GET
    @Operation(summary = "List runs, newest first")
    public Page<JobView> list(
            @Parameter(hidden = true) @Auth Actor actor,
            @QueryParam("projectId") UUID projectId,
            @QueryParam("ticketId") UUID ticketId,
            @QueryParam("clankerId") UUID clankerId,
            @QueryParam("status") String statuses,
            @QueryParam("kind") String kinds,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        if (projectId != null) {
            access.require(actor, projectId, ProjectPermission.VIEW);
        }
        if (ticketId != null) {
            access.requireTicket(actor, ticketId, ProjectPermission.VIEW);
        }
        return jobs.list(new JobService.Query(
                projectId,
                ticketId,
                clankerId,
                CsvParam.parse(statuses, JobStatus.class, "status"),
                CsvParam.parse(kinds, JobKind.class, "kind"),
                limit,
                offset,
                access.scope(actor)));
    }

    @GET
    @Path("/stats/queue")
    @Operation(summary = "How many runs wait, dispatch, run and ended")
    public QueueStats stats(@Parameter(hidden = true) @Auth Actor actor, @QueryParam("projectId") UUID projectId) {
        if (projectId != null) {
            access.require(actor, projectId, ProjectPermission.VIEW);
        }
        return jobs.stats(projectId, access.scope(actor));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A run with its progress and its last 500 log lines")
    public JobView get(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.requireJob(actor, id, ProjectPermission.VIEW);
        return jobs.get(id);
    }

    @GET
    @Path("/{id}/logs")
    @Operation(summary = "Log lines after a given line id, oldest first (poll with nextAfterId)")
    public LogPage logs(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @QueryParam("afterId") @DefaultValue("0") @Min(0) long afterId,
            @QueryParam("limit") @DefaultValue("1000") @Min(1) @Max(5000) int limit) {
        access.requireJob(actor, id, ProjectPermission.VIEW);
        List<JobLog> lines = jobs.logs(id, afterId, limit);
        return new LogPage(
                lines, lines.isEmpty() ? afterId : lines.get(lines.size() - 1).id());
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a queued or running run and stop its worker")
    public JobView cancel(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.requireJob(actor, id, ProjectPermission.WRITE);
        return jobs.cancel(id, actor.getName());
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Run a finished run again as a new attempt")
    public Response retry(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.requireJob(actor, id, ProjectPermission.WRITE);
        return Response.accepted(JobView.summary(jobs.retry(id))).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a finished run with its logs")
    public void delete(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.requireJob(actor, id, ProjectPermission.WRITE);
        jobs.delete(id);
    }
}
