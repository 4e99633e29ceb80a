package io.viberglass.platform.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.viberglass.common.json.Json;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.RecordingWorker;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The official MCP Java SDK client against the running platform, authenticated by personal API tokens. */
@ExtendWith(DropwizardExtensionsSupport.class)
class McpServerTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(McpServerTest.class);

    static final RecordingWorker WORKER = new RecordingWorker();
    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB, WORKER.overrides());

    private static String projectId;
    private static String clankerId;
    private static String writeToken;
    private static String readToken;

    private final Api api = Api.of(APP);

    @BeforeAll
    static void anApproverWithTwoTokens() {
        Api admin = Api.of(APP);
        Fixtures fixtures = new Fixtures(admin);
        projectId = fixtures.project("https://github.com/acme/shop.git");
        clankerId = fixtures.activeClanker(Map.of());
        admin.post("/api/users", Map.of("email", "bob@example.com", "name", "Bob", "password", "bob's long password 1"))
                .expect(201);
        admin.post("/api/projects/" + projectId + "/members", Map.of("email", "bob@example.com", "role", "approver"))
                .expect(201);
        String session = Api.anonymous(APP)
                .post("/api/auth/login", Map.of("email", "bob@example.com", "password", "bob's long password 1"))
                .expect(200)
                .json()
                .get("token")
                .asText();
        Api bob = admin.as(session);
        writeToken = bob.post("/api/api-tokens", Map.of("name", "claude code", "scope", "write"))
                .expect(201)
                .json()
                .get("token")
                .asText();
        readToken = bob.post("/api/api-tokens", Map.of("name", "dashboard script", "scope", "read"))
                .expect(201)
                .json()
                .get("token")
                .asText();
    }

    private static McpSyncClient client(String token) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(
                        "http://127.0.0.1:" + APP.getLocalPort())
                .endpoint("/api/mcp")
                .httpRequestCustomizer((request, method, uri, body, context) -> {
                    if (token != null) {
                        request.header("Authorization", "Bearer " + token);
                    }
                })
                .build();
        McpSyncClient client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
        client.initialize();
        return client;
    }

    private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    private static JsonNode json(McpSchema.CallToolResult result) {
        try {
            return Json.newMapper()
                    .readTree(((McpSchema.TextContent) result.content().get(0)).text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode ok(McpSchema.CallToolResult result) {
        assertThat(result.isError()).as("tool error: %s", result.content()).isNotEqualTo(Boolean.TRUE);
        return json(result);
    }

    private void finishAsWorker(String jobId, String document) {
        RecordingWorker.Invocation worker = WORKER.awaitInvocation(jobId);
        Api as = api.withHeader("X-Callback-Token", worker.token());
        as.get("/api/jobs/" + jobId + "/bootstrap").expect(200);
        as.post(
                        "/api/jobs/" + jobId + "/result",
                        Map.of(
                                "success",
                                true,
                                "outcome",
                                "succeeded",
                                "documentContent",
                                document,
                                "executionTimeMs",
                                5))
                .expect(200);
    }

    @Test
    void anAgentCreatesATicketRunsResearchAndPlanningAndApprovesThePlan() {
        try (McpSyncClient mcp = client(writeToken)) {
            assertThat(mcp.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrder(
                            "project_list",
                            "clanker_list",
                            "ticket_list",
                            "ticket_get",
                            "ticket_create",
                            "ticket_trigger",
                            "ticket_review",
                            "ticket_review_approve",
                            "ticket_review_revoke",
                            "ticket_review_comment");
            assertThat(ok(call(mcp, "project_list", Map.of())).get("projects"))
                    .extracting(p -> p.get("id").asText())
                    .containsExactly(projectId);

            String ticketId = ok(call(
                            mcp,
                            "ticket_create",
                            Map.of("projectId", projectId, "title", "Greeting is rude", "description", "Be kind.")))
                    .get("id")
                    .asText();
            JsonNode research = ok(call(
                    mcp,
                    "ticket_trigger",
                    Map.of("ticketId", ticketId, "clankerId", clankerId, "targetPhase", "research")));
            assertThat(research.get("status").asText()).isEqualTo("queued");
            finishAsWorker(research.get("jobId").asText(), "# Research\nThe string is in home.js\n");

            JsonNode planning = ok(call(
                    mcp,
                    "ticket_trigger",
                    Map.of("ticketId", ticketId, "clankerId", clankerId, "targetPhase", "planning")));
            assertThat(planning.get("kind").asText()).isEqualTo("planning");
            finishAsWorker(planning.get("jobId").asText(), "# Plan\n1. Edit home.js\n");

            JsonNode review = ok(call(mcp, "ticket_review", Map.of("ticketId", ticketId)));
            assertThat(review.get("workflowPhase").asText()).isEqualTo("planning");
            assertThat(review.get("documents"))
                    .extracting(d -> d.get("phase").asText() + ":"
                            + d.get("approvalState").asText())
                    .containsExactly("research:approved", "planning:draft");
            assertThat(review.at("/documents/1/content").asText()).startsWith("# Plan");

            ok(call(
                    mcp,
                    "ticket_review_comment",
                    Map.of("ticketId", ticketId, "phase", "planning", "lineNumber", 2, "content", "Add a test too")));
            JsonNode approved = ok(call(mcp, "ticket_review_approve", Map.of("ticketId", ticketId)));

            assertThat(approved.get("approvalState").asText()).isEqualTo("approved");
            assertThat(approved.get("approvedBy").asText()).isEqualTo("bob@example.com");
            assertThat(ok(call(mcp, "ticket_get", Map.of("ticketId", ticketId)))
                            .get("workflowPhase")
                            .asText())
                    .isEqualTo("execution");
        }
        JsonNode audit = api.get("/api/admin/audit?action=mcp.tool_called&limit=100")
                .expect(200)
                .json();
        assertThat(audit.get("events"))
                .allSatisfy(event -> assertThat(event.get("actor").asText()).isEqualTo("bob@example.com"))
                .extracting(event -> event.get("details").asText())
                .anySatisfy(details -> assertThat(details).contains("ticket_review_approve", "ok"));
    }

    @Test
    void aReadOnlyTokenReadsButIsRefusedEveryWrite() {
        try (McpSyncClient mcp = client(readToken)) {
            assertThat(ok(call(mcp, "project_list", Map.of())).get("total").asInt())
                    .isEqualTo(1);

            McpSchema.CallToolResult refused =
                    call(mcp, "ticket_create", Map.of("projectId", projectId, "title", "Nope", "description", "Nope"));

            assertThat(refused.isError()).isTrue();
            assertThat(json(refused).get("error").asText()).isEqualTo("TOKEN_SCOPE_INSUFFICIENT");
            assertThat(api.get("/api/tickets?projectId=" + projectId + "&search=Nope")
                            .json()
                            .get("data"))
                    .isEmpty();
        }
    }

    @Test
    void toolInputsAreCheckedAgainstTheirSchema() {
        try (McpSyncClient mcp = client(writeToken)) {
            McpSchema.CallToolResult missingTitle =
                    call(mcp, "ticket_create", Map.of("projectId", projectId, "description", "No title"));
            McpSchema.CallToolResult badPhase = call(
                    mcp,
                    "ticket_trigger",
                    Map.of("ticketId", projectId, "clankerId", clankerId, "targetPhase", "deploy"));

            assertThat(missingTitle.isError()).isTrue();
            assertThat(missingTitle.content().toString()).contains("title");
            assertThat(badPhase.isError()).isTrue();
        }
    }

    @Test
    void withoutAnApiTokenTheEndpointAnswers401() {
        assertThatThrownBy(() -> client(null)).isInstanceOf(RuntimeException.class);
        var session = Api.anonymous(APP)
                .post("/api/auth/login", Map.of("email", "bob@example.com", "password", "bob's long password 1"))
                .json()
                .get("token")
                .asText();

        Api.Reply reply = Api.anonymous(APP)
                .send(Api.anonymous(APP)
                        .builder("/api/mcp")
                        .header("Authorization", "Bearer " + session)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(reply.json().get("code").asText()).isEqualTo("API_TOKEN_REQUIRED");
    }
}
