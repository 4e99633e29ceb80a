package io.viberglass.viberator.client;

import java.util.LinkedHashMap;
import java.util.Map;

/** Which tickets {@code tickets list} asks for; null fields are left out of the query. */
public record TicketFilter(String project, String status, String phase, String search, int limit) {
    Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (project != null) {
            parameters.put(ViberglassClient.isUuid(project) ? "projectId" : "projectSlug", project);
        }
        parameters.put("statuses", status);
        parameters.put("workflowPhases", phase);
        parameters.put("search", search);
        parameters.put("limit", String.valueOf(limit));
        return parameters;
    }
}
