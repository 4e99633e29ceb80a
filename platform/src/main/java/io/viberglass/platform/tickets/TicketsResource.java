package io.viberglass.platform.tickets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.infra.api.CsvParam;
import io.viberglass.platform.infra.api.Page;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.projects.ArchivedFilter;
import io.viberglass.platform.projects.ProjectService;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;

@Path("/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tickets")
public class TicketsResource {
    /** See {@code ProjectsResource.ITEM_ID}: the item resource must not swallow this class's literal sub-paths. */
    public static final String ITEM_ID = "(?!(?:stats|archive|unarchive|media)(?:/|$))[^/]+";

    private final TicketService tickets;
    private final ProjectService projects;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final long maxMediaBytes;

    public TicketsResource(
            TicketService tickets,
            ProjectService projects,
            ObjectMapper mapper,
            Validator validator,
            long maxMediaBytes) {
        this.tickets = tickets;
        this.projects = projects;
        this.mapper = mapper;
        this.validator = validator;
        this.maxMediaBytes = maxMediaBytes;
    }

    public record BulkRequest(@NotNull @Size(min = 1, max = 500) List<@NotNull UUID> ticketIds) {}

    public record BulkResult(int updatedCount) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a ticket")
    public Response create(@NotNull @Valid CreateTicketRequest request, @Context UriInfo uri) {
        return created(tickets.create(request, List.of()), uri);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Create a ticket with a screenshot and/or a recording")
    public Response createWithMedia(FormDataMultiPart form, @Context UriInfo uri) {
        if (form == null) {
            throw DomainException.invalid("VALIDATION_ERROR", "body", "must be a multipart form");
        }
        var parsed = new MultipartTicketForm(mapper, validator, maxMediaBytes).parse(form);
        return created(tickets.create(parsed.request(), parsed.uploads()), uri);
    }

    @GET
    @Operation(summary = "List tickets, newest first, with filters")
    public Page<TicketView> list(
            @QueryParam("projectId") UUID projectId,
            @QueryParam("projectSlug") String projectSlug,
            @QueryParam("statuses") String statuses,
            @QueryParam("workflowPhases") String phases,
            @QueryParam("severity") String severities,
            @QueryParam("category") @Size(max = 100) String category,
            @QueryParam("archived") @DefaultValue("exclude") ArchivedFilter archived,
            @QueryParam("search") @Size(max = 200) String search,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        return tickets.list(new TicketQuery(
                project(projectId, projectSlug),
                CsvParam.parse(statuses, LifecycleStatus.class, "statuses"),
                CsvParam.parse(phases, WorkflowPhase.class, "workflowPhases"),
                CsvParam.parse(severities, Severity.class, "severity"),
                category,
                archived,
                search,
                limit,
                offset));
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Ticket counts by status, phase, severity, category and auto-fix state")
    public TicketStats stats(@QueryParam("projectId") UUID projectId, @QueryParam("projectSlug") String projectSlug) {
        return tickets.stats(project(projectId, projectSlug));
    }

    @POST
    @Path("/archive")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Archive tickets; returns how many were not archived before")
    public BulkResult archive(@NotNull @Valid BulkRequest request) {
        return new BulkResult(tickets.archive(request.ticketIds()));
    }

    @POST
    @Path("/unarchive")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Unarchive tickets; returns how many were archived before")
    public BulkResult unarchive(@NotNull @Valid BulkRequest request) {
        return new BulkResult(tickets.unarchive(request.ticketIds()));
    }

    @GET
    @Path("/media/{mediaId}/content")
    @Produces({"image/*", "video/*"})
    @Operation(summary = "Download a ticket's screenshot or recording")
    public Response media(@PathParam("mediaId") UUID mediaId) {
        TicketService.MediaContent media = tickets.media(mediaId);
        StreamingOutput body = out -> {
            try (InputStream in = media.content()) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, media.media().mimeType())
                .header("Content-Length", media.media().sizeBytes())
                .header(
                        "Content-Disposition",
                        "inline; filename=\"" + media.media().filename() + "\"")
                .header("Cache-Control", "private, max-age=3600")
                .build();
    }

    private UUID project(UUID projectId, String projectSlug) {
        if (projectId != null || projectSlug == null || projectSlug.isBlank()) {
            return projectId;
        }
        return projects.getBySlug(projectSlug).id();
    }

    private static Response created(TicketView ticket, UriInfo uri) {
        return Response.created(uri.getBaseUriBuilder()
                        .path("tickets")
                        .path(ticket.id().toString())
                        .build())
                .entity(ticket)
                .build();
    }
}
