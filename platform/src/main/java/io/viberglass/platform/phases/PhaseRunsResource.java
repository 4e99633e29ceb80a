package io.viberglass.platform.phases;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.jobs.RunRequest;
import io.viberglass.platform.tickets.TicketsResource;
import io.viberglass.platform.tickets.WorkflowPhase;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import java.util.Map;
import java.util.UUID;

/** Starting the runs of a ticket's phases (shares the ticket item path). Each answers 202 with the queued job. */
@Path("/tickets/{id: " + TicketsResource.ITEM_ID + "}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "runs")
@PermitAll
public class PhaseRunsResource {
    private final ProjectAccess access;
    private final PhaseRunService runs;

    public PhaseRunsResource(PhaseRunService runs, ProjectAccess access) {
        this.access = access;
        this.runs = runs;
    }

    @POST
    @Path("/phases/research/run")
    @Operation(summary = "Research run: the agent investigates and writes RESEARCH.md")
    public Response research(
            @Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id, @NotNull @Valid RunRequest request) {
        access.requireTicket(actor, id, ProjectPermission.WRITE);
        return accepted(runs.research(id, request));
    }

    @POST
    @Path("/phases/planning/run")
    @Operation(summary = "Planning run: the agent writes PLAN.md, from the research when there is some")
    public Response planning(
            @Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id, @NotNull @Valid RunRequest request) {
        access.requireTicket(actor, id, ProjectPermission.WRITE);
        return accepted(runs.planning(id, request));
    }

    @POST
    @Path("/phases/{phase}/revision")
    @Operation(summary = "Revision run: the agent rewrites the document from the message and the open comments")
    public Response revision(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @PathParam("phase") WorkflowPhase phase,
            @NotNull @Valid RevisionRequest request) {
        access.requireTicket(actor, id, ProjectPermission.WRITE);
        return accepted(runs.revision(id, phase, request));
    }

    @POST
    @Path("/run")
    @Operation(summary = "Execution run: the agent changes the code and the worker opens a pull request")
    public Response execution(
            @Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id, @NotNull @Valid RunRequest request) {
        access.requireTicket(actor, id, ProjectPermission.WRITE);
        return accepted(runs.execution(id, request));
    }

    @POST
    @Path("/phases/execution/run")
    @Operation(summary = "Same as POST /tickets/{id}/run")
    public Response executionAlias(
            @Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id, @NotNull @Valid RunRequest request) {
        access.requireTicket(actor, id, ProjectPermission.WRITE);
        return accepted(runs.execution(id, request));
    }

    @GET
    @Path("/phases/{phase}/runs")
    @Operation(summary = "Research or planning runs of the ticket, newest first")
    public List<PhaseRun> history(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @PathParam("phase") WorkflowPhase phase,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        access.requireTicket(actor, id, ProjectPermission.VIEW);
        DocumentService.requireDocumentPhase(phase);
        return runs.history(id, phase, limit);
    }

    private static Response accepted(Job job) {
        return Response.accepted(Map.of(
                        "id",
                        job.id(),
                        "jobId",
                        job.id(),
                        "kind",
                        job.kind(),
                        "status",
                        job.status(),
                        "createdAt",
                        job.createdAt()))
                .build();
    }
}
