package io.viberglass.platform.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.infra.json.JsonText;
import io.viberglass.platform.streams.FrameSource;
import io.viberglass.platform.streams.SseFrames;
import io.viberglass.platform.streams.StreamHub;
import io.viberglass.platform.streams.Streams;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A run's log as server-sent events, for the dashboard and {@code viberator logs --follow}: a {@code log} event per
 * line (id = the line id, data = the line as JSON) and an {@code end} event once the run has ended. Resumes after
 * {@code Last-Event-ID} or {@code afterId}.
 */
@Path("/jobs")
@Tag(name = "jobs")
@PermitAll
public class JobLogStreamResource {
    private final Jdbi jdbi;
    private final JsonText json;
    private final Streams streams;
    private final ProjectAccess access;

    public JobLogStreamResource(Jdbi jdbi, ObjectMapper mapper, Streams streams, ProjectAccess access) {
        this.jdbi = jdbi;
        this.json = new JsonText(mapper);
        this.streams = streams;
        this.access = access;
    }

    @GET
    @Path("/{id}/logs/stream")
    @Produces(SseFrames.MEDIA_TYPE)
    @Operation(summary = "Follow a run's log as server-sent events (log events, then end)")
    public Response stream(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("afterId") @Min(0) Long afterId) {
        access.requireJob(actor, id, ProjectPermission.VIEW);
        long after = SseFrames.resumeAfter(lastEventId, afterId);
        return streams.open(StreamHub.jobTopic(id), source(id), after, stream -> {});
    }

    private FrameSource source(UUID jobId) {
        return (afterId, limit) -> jdbi.inTransaction(handle -> {
            JobDao dao = handle.attach(JobDao.class);
            // the status first: every line stored before the run ended is then visible to the read below
            Job job = dao.find(jobId).orElse(null);
            List<JobLog> lines = dao.logsAfter(jobId, afterId, limit);
            List<FrameSource.Frame> frames = lines.stream()
                    .map(line -> new FrameSource.Frame(line.id(), SseFrames.event(line.id(), "log", json.write(line))))
                    .toList();
            boolean ended = job == null || job.status().isTerminal();
            String end = ended && lines.size() < limit
                    ? SseFrames.event(
                            null,
                            "end",
                            json.write(Map.of(
                                    "status",
                                    job == null ? "deleted" : job.status().wire())))
                    : null;
            return new FrameSource.Batch(frames, end);
        });
    }
}
