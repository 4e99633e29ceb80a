package io.viberglass.viberator.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Which runs {@code runs list} asks for; null fields are left out of the query. */
public record JobFilter(UUID projectId, UUID ticketId, String status, int limit) {
    Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("projectId", projectId == null ? null : projectId.toString());
        parameters.put("ticketId", ticketId == null ? null : ticketId.toString());
        parameters.put("status", status);
        parameters.put("limit", String.valueOf(limit));
        return parameters;
    }
}
