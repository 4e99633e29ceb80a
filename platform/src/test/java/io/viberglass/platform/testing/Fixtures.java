package io.viberglass.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Creates the usual scenery of a run test through the public API: project, repository, clanker, ticket. */
public final class Fixtures {
    private final Api api;

    public Fixtures(Api api) {
        this.api = api;
    }

    public String project(String repositoryUrl) {
        String id = api.post("/api/projects", Map.of("name", "Runs " + UUID.randomUUID()))
                .expect(201)
                .json()
                .get("id")
                .asText();
        api.put("/api/projects/" + id + "/scm-config", Map.of("repositoryUrl", repositoryUrl))
                .expect(200);
        return id;
    }

    public String activeClanker(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(
                Map.of("name", "Local " + UUID.randomUUID(), "agent", "claude-code", "deploymentStrategy", "local"));
        body.putAll(extra);
        String id = api.post("/api/clankers", body).expect(201).json().get("id").asText();
        api.post("/api/clankers/" + id + "/start", Map.of()).expect(200);
        return id;
    }

    /** A ticket that may run straight away (created in execution with an override reason). */
    public String executableTicket(String projectId, String title) {
        return api.post(
                        "/api/tickets",
                        Map.of(
                                "projectId",
                                projectId,
                                "title",
                                title,
                                "description",
                                "Make the greeting friendlier.",
                                "workflowPhase",
                                "execution",
                                "workflowOverrideReason",
                                "Small, well-understood change"))
                .expect(201)
                .json()
                .get("id")
                .asText();
    }

    /** Creates an executable ticket titled {@code title} and runs it on {@code clankerId}; answers the job's id. */
    public String runNewTicket(String projectId, String clankerId, String title) {
        return run(executableTicket(projectId, title), clankerId).get("jobId").asText();
    }

    public JsonNode run(String ticketId, String clankerId) {
        return api.post("/api/tickets/" + ticketId + "/run", Map.of("clankerId", clankerId))
                .expect(202)
                .json();
    }

    public JsonNode run(String ticketId, String clankerId, List<Map<String, String>> files) {
        return api.post("/api/tickets/" + ticketId + "/run", Map.of("clankerId", clankerId, "instructionFiles", files))
                .expect(202)
                .json();
    }
}
