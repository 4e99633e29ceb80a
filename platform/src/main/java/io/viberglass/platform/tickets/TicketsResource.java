package io.viberglass.platform.tickets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.infra.api.CsvParam;
import io.viberglass.platform.infra.api.Page;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.projects.ArchivedFilter;
import io.viberglass.platform.projects.ProjectService;
import jakarta.annotation.security.PermitAll;
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
@PermitAll
public class TicketsResource {
    /** See {@code ProjectsResource.ITEM_ID}: the item resource must not swallow this class's literal sub-paths. */
    public static final String ITEM_ID = "(?!(?:stats|archive|unarchive|media)(?:/|$))[^/]+";

    private final TicketService tickets;
    private final ProjectService projects;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final long maxMediaBytes;
    private final ProjectAccess access;
    private final AuditLog audit;

    public TicketsResource(
            TicketService tickets,
            ProjectService projects,
            ObjectMapper mapper,
            Validator validator,
            long maxMediaBytes,
            ProjectAccess access,
            AuditLog audit) {
        this.access = access;
        this.audit = audit;
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
    public Response create(
            @Parameter(hidden = true) @Auth Actor actor,
            @NotNull @Valid CreateTicketRequest request,
            @Context UriInfo uri) {
        requireCreate(actor, request);
        return created(actor, tickets.create(request, List.of()), uri);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Create a ticket with a screenshot and/or a recording")
    public Response createWithMedia(
            @Parameter(hidden = true) @Auth Actor actor, FormDataMultiPart form, @Context UriInfo uri) {
        if (form == null) {
            throw DomainException.invalid("VALIDATION_ERROR", "body", "must be a multipart form");
        }
        var parsed = new MultipartTicketForm(mapper, validator, maxMediaBytes).parse(form);
        requireCreate(actor, parsed.request());
        return created(actor, tickets.create(parsed.request(), parsed.uploads()), uri);
    }

    @GET
    @Operation(summary = "List tickets, newest first, with filters")
    public Page<TicketView> list(
            @Parameter(hidden = true) @Auth Actor actor,
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
        UUID project = project(actor, projectId, projectSlug);
        return tickets.list(new TicketQuery(
                project,
                CsvParam.parse(statuses, LifecycleStatus.class, "statuses"),
                CsvParam.parse(phases, WorkflowPhase.class, "workflowPhases"),
                CsvParam.parse(severities, Severity.class, "severity"),
                category,
                archived,
                search,
                limit,
                offset,
                access.scope(actor)));
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Ticket counts by status, phase, severity, category and auto-fix state")
    public TicketStats stats(
            @Parameter(hidden = true) @Auth Actor actor,
            @QueryParam("projectId") UUID projectId,
            @QueryParam("projectSlug") String projectSlug) {
        return tickets.stats(project(actor, projectId, projectSlug), access.scope(actor));
    }

    @POST
    @Path("/archive")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Archive tickets; returns how many were not archived before")
    public BulkResult archive(@Parameter(hidden = true) @Auth Actor actor, @NotNull @Valid BulkRequest request) {
        request.ticketIds().forEach(id -> access.requireTicket(actor, id, ProjectPermission.WRITE));
        return new BulkResult(tickets.archive(request.ticketIds()));
    }

    @POST
    @Path("/unarchive")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Unarchive tickets; returns how many were archived before")
    public BulkResult unarchive(@Parameter(hidden = true) @Auth Actor actor, @NotNull @Valid BulkRequest request) {
        request.ticketIds().forEach(id -> access.requireTicket(actor, id, ProjectPermission.WRITE));
        return new BulkResult(tickets.unarchive(request.ticketIds()));
    }

    @GET
    @Path("/media/{mediaId}/content")
    @Produces({"image/*", "video/*"})
    @Operation(summary = "Download a ticket's screenshot or recording")
    public Response media(@Parameter(hidden = true) @Auth Actor actor, @PathParam("mediaId") UUID mediaId) {
        access.requireMedia(actor, mediaId, ProjectPermission.VIEW);
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

    /** The project a list is narrowed to, which the actor must see; null for all visible projects. */
    private UUID project(Actor actor, UUID projectId, String projectSlug) {
        if (projectId != null) {
            access.require(actor, projectId, ProjectPermission.VIEW);
            return projectId;
        }
        if (projectSlug == null || projectSlug.isBlank()) {
            return null;
        }
        UUID id = projects.getBySlug(projectSlug).id();
        access.require(actor, id, ProjectPermission.VIEW, () -> ProjectService.notFound(projectSlug));
        return id;
    }

    /** Writing tickets needs the member role; starting one past research skips review, which approvers decide. */
    private void requireCreate(Actor actor, CreateTicketRequest request) {
        boolean skipsReview = request.workflowPhase() != null && request.workflowPhase() != WorkflowPhase.RESEARCH;
        access.require(actor, request.projectId(), skipsReview ? ProjectPermission.APPROVE : ProjectPermission.WRITE);
    }

    private Response created(Actor actor, TicketView ticket, UriInfo uri) {
        if (ticket.workflowOverrideReason() != null) {
            audit.record(AuditEntry.by(actor, "workflow.overridden")
                    .project(ticket.projectId())
                    .target("ticket", ticket.id())
                    .detail("phase", ticket.workflowPhase().wire())
                    .detail("reason", ticket.workflowOverrideReason()));
        }
        return Response.created(uri.getBaseUriBuilder()
                        .path("tickets")
                        .path(ticket.id().toString())
                        .build())
                .entity(ticket)
                .build();
    }
}
