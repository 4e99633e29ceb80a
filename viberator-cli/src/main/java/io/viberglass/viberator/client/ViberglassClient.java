package io.viberglass.viberator.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The platform's REST API as typed calls: the routes the command line and CI pipelines use. */
public final class ViberglassClient {
    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final PlatformHttp http;

    public ViberglassClient(PlatformHttp http) {
        this.http = http;
    }

    public PlatformTarget target() {
        return http.target();
    }

    /** Who the token belongs to; proves the URL and the token work. */
    public CurrentUser me() {
        JsonNode reply = http.get("/api/auth/me", JsonNode.class);
        JsonNode user = reply.has("user") ? reply.get("user") : reply;
        return http.mapper().convertValue(user, CurrentUser.class);
    }

    public Page<Project> projects(int limit) {
        return http.get("/api/projects?limit=" + limit, page(Project.class));
    }

    /** A project by id or slug. */
    public Project project(String ref) {
        return isUuid(ref)
                ? http.get("/api/projects/" + ref, Project.class)
                : http.get("/api/projects/by-slug/" + encode(ref), Project.class);
    }

    public List<Clanker> clankers() {
        return http.<Page<Clanker>>get("/api/clankers?limit=200", page(Clanker.class))
                .data();
    }

    public Ticket createTicket(NewTicket ticket) {
        return http.post("/api/tickets", ticket, Ticket.class);
    }

    public Page<Ticket> tickets(TicketFilter filter) {
        return http.get("/api/tickets" + query(filter.parameters()), page(Ticket.class));
    }

    public Ticket ticket(UUID id) {
        return http.get("/api/tickets/" + id, Ticket.class);
    }

    /** Queues a run of the phase; answers with the queued job's id. */
    public UUID startRun(UUID ticketId, Phase phase, UUID clankerId) {
        JsonNode reply =
                http.post("/api/tickets/" + ticketId + phase.runPath(), Map.of("clankerId", clankerId), JsonNode.class);
        return UUID.fromString(reply.get("jobId").asText());
    }

    /** Moves the ticket one phase on (research → planning, planning → execution). */
    public void advance(UUID ticketId, Phase to) {
        http.post("/api/tickets/" + ticketId + "/phases/" + to.wire() + "/advance", Map.of(), JsonNode.class);
    }

    public PhaseState phase(UUID ticketId, Phase phase) {
        return http.get("/api/tickets/" + ticketId + "/phases/" + phase.wire(), PhaseState.class);
    }

    public PhaseState.Document approve(UUID ticketId, Phase phase) {
        return http.post(
                "/api/tickets/" + ticketId + "/phases/" + phase.wire() + "/approve",
                Map.of(),
                PhaseState.Document.class);
    }

    public Page<Job> jobs(JobFilter filter) {
        return http.get("/api/jobs" + query(filter.parameters()), page(Job.class));
    }

    public Job job(UUID id) {
        return http.get("/api/jobs/" + id, Job.class);
    }

    public LogPage logs(UUID jobId, long afterId, int limit) {
        return http.get("/api/jobs/" + jobId + "/logs?afterId=" + afterId + "&limit=" + limit, LogPage.class);
    }

    public Job cancel(UUID jobId) {
        return http.post("/api/jobs/" + jobId + "/cancel", Map.of(), Job.class);
    }

    PlatformHttp http() {
        return http;
    }

    public static boolean isUuid(String value) {
        return value != null && UUID_PATTERN.matcher(value).matches();
    }

    private JavaType page(Class<?> item) {
        return http.mapper().getTypeFactory().constructParametricType(Page.class, item);
    }

    private static String query(Map<String, String> parameters) {
        Map<String, String> present = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                present.put(name, value);
            }
        });
        return present.isEmpty()
                ? ""
                : present.entrySet().stream()
                        .map(entry -> entry.getKey() + "=" + encode(entry.getValue()))
                        .collect(Collectors.joining("&", "?", ""));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
