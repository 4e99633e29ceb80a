package io.viberglass.platform.tickets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.platform.access.ProjectScope;
import io.viberglass.platform.infra.api.Page;
import io.viberglass.platform.infra.api.Patch;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.json.JsonText;
import io.viberglass.platform.media.MediaStore;
import io.viberglass.platform.media.MediaTypes;
import io.viberglass.platform.projects.ProjectDao;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Ticket rules: creation (with media, in one transaction), partial updates, lists, statistics, archiving. */
public class TicketService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final MediaStore mediaStore;
    private final MediaValidator mediaValidator;
    private final JsonText json;

    public TicketService(Jdbi jdbi, Clock clock, MediaStore mediaStore, long maxMediaBytes, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.mediaStore = mediaStore;
        this.mediaValidator = new MediaValidator(maxMediaBytes);
        this.json = new JsonText(mapper);
    }

    public TicketView create(CreateTicketRequest request, List<Upload> uploads) {
        return create(request, uploads, TicketSystem.CUSTOM);
    }

    /** A ticket from another system (a webhook): the same rules, recorded with where it came from. */
    public TicketView create(CreateTicketRequest request, List<Upload> uploads, TicketSystem system) {
        return create(request, uploads, system, null);
    }

    /**
     * A ticket from an outside author: the author and the trust rules' verdict are stored in the same transaction, so
     * no ticket of an untrusted author is ever visible (and runnable) without its verdict.
     */
    public TicketView create(
            CreateTicketRequest request, List<Upload> uploads, TicketSystem system, OutsideAuthor outsideAuthor) {
        WorkflowPhase phase = request.workflowPhase() == null ? WorkflowPhase.RESEARCH : request.workflowPhase();
        String overrideReason = request.workflowOverrideReason() == null
                ? null
                : request.workflowOverrideReason().trim();
        if (phase != WorkflowPhase.RESEARCH && (overrideReason == null || overrideReason.isEmpty())) {
            throw DomainException.invalid(
                    "WORKFLOW_OVERRIDE_REASON_REQUIRED",
                    "workflowOverrideReason",
                    "is required to create a ticket in the " + phase.wire() + " phase");
        }
        List<String> contentTypes = uploads.stream().map(mediaValidator::check).toList();
        Instant now = clock.instant();
        UUID ticketId = UUID.randomUUID();
        List<TicketMedia> media = store(ticketId, uploads, contentTypes, now);
        try {
            return jdbi.inTransaction(handle -> {
                var project = handle.attach(ProjectDao.class)
                        .find(request.projectId())
                        .orElseThrow(() -> DomainException.notFound(
                                "PROJECT_NOT_FOUND", "Project " + request.projectId() + " not found"));
                if (project.isArchived()) {
                    throw DomainException.conflict(
                            "PROJECT_ARCHIVED",
                            "Project " + project.name() + " is archived; unarchive it to add tickets");
                }
                Ticket ticket = new Ticket(
                        ticketId,
                        project.id(),
                        request.title().trim(),
                        request.description() == null ? "" : request.description(),
                        request.severity() == null ? Severity.MEDIUM : request.severity(),
                        request.category() == null || request.category().isBlank()
                                ? "General"
                                : request.category().trim(),
                        request.metadata() == null ? Map.of() : request.metadata(),
                        request.annotations() == null ? List.of() : request.annotations(),
                        system,
                        blankToNull(request.externalTicketId()),
                        blankToNull(request.externalTicketUrl()),
                        Boolean.TRUE.equals(request.autoFixRequested()),
                        null,
                        LifecycleStatus.OPEN,
                        false,
                        phase,
                        phase == WorkflowPhase.RESEARCH ? null : overrideReason,
                        phase == WorkflowPhase.RESEARCH ? null : now,
                        null,
                        null,
                        null,
                        now,
                        now);
                handle.attach(TicketDao.class).insert(ticket, json(ticket.metadata()), json(ticket.annotations()));
                MediaDao mediaDao = handle.attach(MediaDao.class);
                media.forEach(mediaDao::insert);
                TicketAuthor author = outsideAuthor == null ? null : outsideAuthor.forTicket(ticketId, now);
                if (author != null) {
                    handle.attach(TicketAuthorDao.class).insert(author);
                }
                return TicketView.of(ticket, media, author);
            });
        } catch (RuntimeException e) {
            media.forEach(stored -> mediaStore.delete(stored.storageUrl()));
            throw e;
        }
    }

    public TicketView get(UUID id) {
        return jdbi.inTransaction(handle -> {
            Ticket ticket = handle.attach(TicketDao.class).find(id).orElseThrow(() -> notFound(id));
            return TicketView.of(
                    ticket,
                    handle.attach(MediaDao.class).forTicket(id),
                    handle.attach(TicketAuthorDao.class).find(id).orElse(null));
        });
    }

    public Page<TicketView> list(TicketQuery query) {
        return jdbi.inTransaction(handle -> {
            TicketDao dao = handle.attach(TicketDao.class);
            String pattern = query.searchPattern();
            List<Ticket> rows = dao.list(
                    query.scope().viewer(),
                    query.projectId(),
                    query.statusWires(),
                    query.phaseWires(),
                    query.severityWires(),
                    query.category(),
                    query.archived().name(),
                    pattern,
                    query.limit(),
                    query.offset());
            long total = dao.count(
                    query.scope().viewer(),
                    query.projectId(),
                    query.statusWires(),
                    query.phaseWires(),
                    query.severityWires(),
                    query.category(),
                    query.archived().name(),
                    pattern);
            Map<UUID, TicketAuthor> authors = new java.util.HashMap<>();
            if (!rows.isEmpty()) {
                handle.attach(TicketAuthorDao.class)
                        .findAll(rows.stream().map(Ticket::id).toList())
                        .forEach(author -> authors.put(author.ticketId(), author));
            }
            return Page.of(rows, query.limit(), query.offset(), total)
                    .map(ticket -> TicketView.summary(ticket, authors.get(ticket.id())));
        });
    }

    public TicketView update(UUID id, UpdateTicketRequest request) {
        return jdbi.inTransaction(handle -> {
            TicketDao dao = handle.attach(TicketDao.class);
            Ticket current = dao.findForUpdate(id).orElseThrow(() -> notFound(id));
            Ticket updated = new Ticket(
                    current.id(),
                    current.projectId(),
                    request.title() == null ? current.title() : request.title().trim(),
                    Patch.keepOr(request.description(), current.description()),
                    Patch.keepOr(request.severity(), current.severity()),
                    request.category() == null
                            ? current.category()
                            : request.category().trim(),
                    current.metadata(),
                    current.annotations(),
                    current.ticketSystem(),
                    Patch.text(request.externalTicketId(), current.externalTicketId()),
                    Patch.text(request.externalTicketUrl(), current.externalTicketUrl()),
                    current.autoFixRequested(),
                    Patch.keepOr(request.autoFixStatus(), current.autoFixStatus()),
                    Patch.keepOr(request.status(), current.ticketStatus()),
                    request.status() != null || current.statusSetManually(),
                    current.workflowPhase(),
                    current.workflowOverrideReason(),
                    current.workflowOverriddenAt(),
                    current.workflowOverriddenBy(),
                    Patch.text(request.pullRequestUrl(), current.pullRequestUrl()),
                    current.archivedAt(),
                    current.createdAt(),
                    clock.instant());
            dao.update(updated);
            return TicketView.of(
                    updated,
                    handle.attach(MediaDao.class).forTicket(id),
                    handle.attach(TicketAuthorDao.class).find(id).orElse(null));
        });
    }

    public TicketView setStatus(UUID id, LifecycleStatus status) {
        return update(id, new UpdateTicketRequest(null, null, null, null, status, null, null, null, null));
    }

    public void delete(UUID id) {
        List<String> files = jdbi.inTransaction(handle -> {
            List<String> urls = handle.attach(MediaDao.class).storageUrlsOfTicket(id);
            if (handle.attach(TicketDao.class).delete(id) == 0) {
                throw notFound(id);
            }
            return urls;
        });
        files.forEach(mediaStore::delete);
    }

    public int archive(List<UUID> ids) {
        return jdbi.withExtension(TicketDao.class, dao -> dao.archive(ids, clock.instant()));
    }

    public int unarchive(List<UUID> ids) {
        return jdbi.withExtension(TicketDao.class, dao -> dao.unarchive(ids, clock.instant()));
    }

    public TicketStats stats(UUID projectId, ProjectScope scope) {
        UUID viewer = scope.viewer();
        return jdbi.inTransaction(handle -> {
            TicketDao dao = handle.attach(TicketDao.class);
            Map<String, Long> byStatus =
                    TicketDao.asMap(dao.countBy(TicketDao.StatsColumn.ticket_status.name(), projectId, viewer));
            long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
            return new TicketStats(
                    total,
                    byStatus.getOrDefault("open", 0L),
                    byStatus.getOrDefault("in_progress", 0L),
                    byStatus.getOrDefault("in_review", 0L),
                    byStatus.getOrDefault("resolved", 0L),
                    zeroFilled(
                            WorkflowPhase.values(),
                            TicketDao.asMap(
                                    dao.countBy(TicketDao.StatsColumn.workflow_phase.name(), projectId, viewer))),
                    zeroFilled(
                            Severity.values(),
                            TicketDao.asMap(dao.countBy(TicketDao.StatsColumn.severity.name(), projectId, viewer))),
                    TicketDao.asMap(dao.countByCategory(projectId, viewer)),
                    TicketDao.asMap(dao.countByAutoFix(projectId, viewer)));
        });
    }

    /** A stored media file's metadata and content stream; the caller closes the stream. */
    public record MediaContent(TicketMedia media, InputStream content) {}

    public MediaContent media(UUID mediaId) {
        TicketMedia media = jdbi.withExtension(MediaDao.class, dao -> dao.find(mediaId))
                .orElseThrow(() -> DomainException.notFound("MEDIA_NOT_FOUND", "Media " + mediaId + " not found"));
        try {
            return new MediaContent(media, mediaStore.open(media.storageUrl()));
        } catch (IOException e) {
            throw DomainException.notFound(
                    "MEDIA_CONTENT_MISSING", "The content of media " + mediaId + " is no longer available");
        }
    }

    private List<TicketMedia> store(UUID ticketId, List<Upload> uploads, List<String> types, Instant now) {
        List<TicketMedia> stored = new ArrayList<>();
        try {
            for (int i = 0; i < uploads.size(); i++) {
                Upload upload = uploads.get(i);
                UUID mediaId = UUID.randomUUID();
                String key = upload.kind().wire() + "s/" + mediaId + MediaTypes.extension(types.get(i));
                String url = mediaStore.put(key, upload.content(), types.get(i));
                stored.add(new TicketMedia(
                        mediaId,
                        ticketId,
                        upload.kind(),
                        safeFilename(upload, types.get(i)),
                        types.get(i),
                        upload.content().length,
                        url,
                        now));
            }
            return stored;
        } catch (IOException | RuntimeException e) {
            stored.forEach(media -> mediaStore.delete(media.storageUrl()));
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static String safeFilename(Upload upload, String type) {
        String name = upload.filename() == null
                ? ""
                : upload.filename().replaceAll("[^A-Za-z0-9._ -]", "_").trim();
        if (name.isEmpty()) {
            name = upload.kind().wire() + MediaTypes.extension(type);
        }
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }

    private static <E extends Enum<E> & io.viberglass.common.job.WireEnum> Map<String, Long> zeroFilled(
            E[] keys, Map<String, Long> counts) {
        Map<String, Long> filled = new java.util.LinkedHashMap<>();
        for (E key : keys) {
            filled.put(key.wire(), counts.getOrDefault(key.wire(), 0L));
        }
        return filled;
    }

    private String json(Object value) {
        return json.write(value);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    static DomainException notFound(UUID id) {
        return DomainException.notFound("TICKET_NOT_FOUND", "Ticket " + id + " not found");
    }
}
