package io.viberglass.platform.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.RecordingWorker;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A fake worker for one session turn: it speaks the session callbacks over HTTP with the job's callback token exactly
 * as the real ACP worker does (paths from {@code SessionCallbacks}), so a test drives the platform side end to end.
 */
final class SessionWorker {
    final String jobId;
    final Api as;
    final JsonNode payload;

    private SessionWorker(String jobId, Api as, JsonNode payload) {
        this.jobId = jobId;
        this.as = as;
        this.payload = payload;
    }

    /** Waits for the platform to start the worker for {@code jobId}, then fetches the payload as the worker does. */
    static SessionWorker pickUp(Api api, RecordingWorker worker, String jobId) {
        RecordingWorker.Invocation invocation = worker.awaitInvocation(jobId);
        Api as = api.withHeader("X-Callback-Token", invocation.token()).withHeader("X-Tenant-Id", invocation.tenant());
        JsonNode payload =
                as.get("/api/jobs/" + jobId + "/bootstrap").expect(200).json();
        return new SessionWorker(jobId, as, payload);
    }

    String path(String suffix) {
        return "/api/jobs/" + jobId + suffix;
    }

    Api.Reply events(List<Map<String, Object>> events) {
        return as.post(path("/session-events/batch"), Map.of("events", events));
    }

    Api.Reply say(String text) {
        return events(List.of(Map.of("type", "assistant_message", "payload", Map.of("text", text))));
    }

    Api.Reply reportAcpSession(String acpSessionId) {
        return as.post(path("/acp-session-id"), Map.of("acpSessionId", acpSessionId));
    }

    Api.Reply putState(byte[] gzip) {
        return as.send(as.builder(path("/session-state"))
                .header("Content-Type", "application/gzip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(gzip)));
    }

    String askPermission(String title) {
        return as.post(
                        path("/permission-requests"),
                        Map.of(
                                "toolCallId",
                                "call-1",
                                "title",
                                title,
                                "options",
                                List.of(
                                        Map.of("optionId", "allow", "name", "Allow once", "kind", "allow_once"),
                                        Map.of("optionId", "reject", "name", "Reject", "kind", "reject_once"))))
                .expect(201)
                .json()
                .get("requestId")
                .asText();
    }

    /** The long poll for a decision, in flight while the test acts as the people in the session. */
    CompletableFuture<Api.Reply> awaitDecision(String requestId, int waitSeconds) {
        HttpRequest request = as.builder(path("/permission-requests/" + requestId + "?waitSeconds=" + waitSeconds))
                .GET()
                .build();
        return java.net.http.HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Api.Reply(
                        response.statusCode(),
                        new Api.HttpResponseHeaders(response.headers()),
                        response.body(),
                        io.viberglass.common.json.Json.newMapper()));
    }

    Api.Reply finish(String documentContent) {
        return as.post(
                path("/result"),
                documentContent == null
                        ? Map.of("success", true, "outcome", "succeeded", "executionTimeMs", 10)
                        : Map.of(
                                "success",
                                true,
                                "outcome",
                                "succeeded",
                                "documentContent",
                                documentContent,
                                "executionTimeMs",
                                10));
    }

    Api.Reply fail(String message) {
        return as.post(
                path("/result"),
                Map.of("success", false, "outcome", "agent_failed", "errorMessage", message, "executionTimeMs", 10));
    }
}
