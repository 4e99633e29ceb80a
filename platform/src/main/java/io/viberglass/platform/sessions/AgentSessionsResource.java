package io.viberglass.platform.sessions;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.infra.api.CsvParam;
import io.viberglass.platform.streams.SseFrames;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** Interactive agent sessions ("Collaborate live"): read them, follow them live, write in them, decide, cancel. */
@Path("/agent-sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "agent sessions")
@PermitAll
public class AgentSessionsResource {
    private final SessionService sessions;
    private final SessionStreams streams;
    private final ProjectAccess access;

    AgentSessionsResource(SessionService sessions, SessionStreams streams, ProjectAccess access) {
        this.sessions = sessions;
        this.streams = streams;
        this.access = access;
    }

    private void require(Actor actor, UUID id, ProjectPermission permission) {
        access.require(actor, sessions.projectOf(id), permission, () -> SessionTransitions.notFound(id));
    }

    @GET
    @Operation(summary = "List sessions (live ones unless statuses says otherwise), newest activity first")
    public List<SessionDao.Listed> list(
            @Parameter(hidden = true) @Auth Actor actor,
            @QueryParam("statuses") String statuses,
            @QueryParam("projectId") UUID projectId,
            @QueryParam("ticketId") UUID ticketId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        if (projectId != null) {
            access.require(actor, projectId, ProjectPermission.VIEW);
        }
        if (ticketId != null) {
            access.requireTicket(actor, ticketId, ProjectPermission.VIEW);
        }
        return sessions.list(new SessionService.Query(
                CsvParam.parse(statuses, SessionStatus.class, "statuses"),
                projectId,
                ticketId,
                limit,
                access.scope(actor)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A session with its turns, its latest 50 events and its open request")
    public SessionDetail get(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        require(actor, id, ProjectPermission.VIEW);
        return sessions.detail(id);
    }

    @GET
    @Path("/{id}/participants")
    @Operation(summary = "The session's creator and everyone who wrote in it, with who is watching now")
    public List<Participant> participants(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        require(actor, id, ProjectPermission.VIEW);
        return sessions.participants(id);
    }

    @GET
    @Path("/{id}/events")
    @Operation(summary = "The session's events after a sequence, oldest first")
    public List<SessionEventRow> events(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @QueryParam("afterSequence") @DefaultValue("0") @Min(0) long afterSequence,
            @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(1000) int limit) {
        require(actor, id, ProjectPermission.VIEW);
        return sessions.events(id, afterSequence, limit);
    }

    @GET
    @Path("/{id}/events/stream")
    @Produces(SseFrames.MEDIA_TYPE)
    @Operation(summary = "Follow the session as server-sent events (resume with Last-Event-ID or after)")
    public Response stream(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("after") @Min(0) Long after) {
        require(actor, id, ProjectPermission.VIEW);
        return streams.open(id, SseFrames.resumeAfter(lastEventId, after), Acting.of(actor));
    }

    @POST
    @Path("/{id}/reply")
    @Operation(summary = "Answer the agent's open question")
    public ActionResult reply(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @NotNull @Valid SessionRequests.Reply request) {
        require(actor, id, ProjectPermission.WRITE);
        return sessions.reply(id, request, Acting.of(actor));
    }

    @POST
    @Path("/{id}/message")
    @Operation(summary = "Write in the session; queued while a turn runs, then sent with the next turn")
    public ActionResult message(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @NotNull @Valid SessionRequests.Message request) {
        require(actor, id, ProjectPermission.WRITE);
        return sessions.message(id, request, Acting.of(actor));
    }

    @POST
    @Path("/{id}/approve")
    @Operation(summary = "Allow or reject the agent's open permission request")
    public ActionResult approve(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @NotNull @Valid SessionRequests.Approve request) {
        require(actor, id, ProjectPermission.WRITE);
        return sessions.approve(id, request, Acting.of(actor));
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "End the session and stop its running turn")
    public SessionView cancel(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        require(actor, id, ProjectPermission.WRITE);
        return sessions.cancel(id, Acting.of(actor));
    }
}
