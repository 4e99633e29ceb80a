package io.viberglass.platform.feedback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.common.security.Hmac;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.IntegrationFixtures;
import io.viberglass.platform.testing.RecordingWorker;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import io.viberglass.platform.testing.WebhookSender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Outbound feedback from the outbox: runs that start and end post comments, labels, transitions and signed custom
 * calls, retried with back-off when the provider stumbles, given up (with the reason) when it refuses.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FeedbackApiTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(FeedbackApiTest.class);

    static final RecordingWorker WORKER = new RecordingWorker();
    static final WireMockServer PROVIDER = start();
    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB, overrides());
    static final String SECRET = "inbound-secret-0123456789";
    static final String TOKEN = "ghp_" + "feedback".repeat(5);

    private final Api api = Api.of(APP);
    private final Fixtures fixtures = new Fixtures(api);
    private final IntegrationFixtures integrations = new IntegrationFixtures(api);
    private final WebhookSender sender = new WebhookSender(Api.anonymous(APP));
    private String project;
    private String clanker;

    @AfterAll
    static void stop() {
        PROVIDER.stop();
    }

    @BeforeEach
    void scenery() {
        PROVIDER.resetAll();
        PROVIDER.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201).withBody("{}")));
        project = fixtures.project("https://github.com/acme/shop.git");
        clanker = fixtures.activeClanker(Map.of());
    }

    @Nested
    class GitHub {
        @Test
        void aRunFromAnIssue_commentsWhenItStartsAndEnds_andLabelsTheOutcome() {
            String integration = github();
            String target = target(integration, Map.of());
            Run run = issueRun(integration);

            run.start();
            awaitDelivered(integration, target, 1);
            run.finish(success("https://github.com/acme/shop/pull/7"));
            awaitDelivered(integration, target, 2);

            List<LoggedRequest> comments =
                    PROVIDER.findAll(postRequestedFor(urlPathEqualTo("/repos/acme/shop/issues/42/comments")));
            assertThat(comments).hasSize(2);
            assertThat(comments.get(0).getBodyAsString()).contains("Job Started");
            assertThat(comments.get(1).getBodyAsString())
                    .contains("Fix submitted")
                    .contains("https://github.com/acme/shop/pull/7");
            PROVIDER.verify(postRequestedFor(urlPathEqualTo("/repos/acme/shop/issues/42/comments"))
                    .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                    .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
            PROVIDER.verify(postRequestedFor(urlPathEqualTo("/repos/acme/shop/issues/42/labels"))
                    .withRequestBody(matchingJsonPath("$.labels[0]", equalTo("fix-submitted"))));
            PROVIDER.verify(deleteRequestedFor(urlPathEqualTo("/repos/acme/shop/issues/42/labels/fix-failed")));
        }

        @Test
        void aFailedRun_commentsTheReason_andLabelsItFailed() {
            String integration = github();
            String target = target(integration, Map.of("events", List.of("job_ended"), "failureLabel", "needs-human"));
            Run run = issueRun(integration);
            run.start();
            run.finish(Map.of(
                    "success",
                    false,
                    "outcome",
                    "agent_failed",
                    "errorMessage",
                    "The agent gave up",
                    "executionTimeMs",
                    10));
            awaitDelivered(integration, target, 1);
            PROVIDER.verify(postRequestedFor(urlPathEqualTo("/repos/acme/shop/issues/42/comments"))
                    .withRequestBody(containing("Fix failed")));
            PROVIDER.verify(postRequestedFor(urlPathEqualTo("/repos/acme/shop/issues/42/labels"))
                    .withRequestBody(matchingJsonPath("$.labels[0]", equalTo("needs-human"))));
        }

        @Test
        void aStumblingProvider_isRetriedWithBackoff_untilItAnswers() {
            PROVIDER.stubFor(post(urlPathEqualTo("/repos/acme/shop/issues/42/comments"))
                    .inScenario("flaky")
                    .whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withStatus(502))
                    .willSetStateTo("second"));
            PROVIDER.stubFor(post(urlPathEqualTo("/repos/acme/shop/issues/42/comments"))
                    .inScenario("flaky")
                    .whenScenarioStateIs("second")
                    .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0"))
                    .willSetStateTo("ok"));
            PROVIDER.stubFor(post(urlPathEqualTo("/repos/acme/shop/issues/42/comments"))
                    .inScenario("flaky")
                    .whenScenarioStateIs("ok")
                    .willReturn(aResponse().withStatus(201).withBody("{\"id\":1}")));
            String integration = github();
            String target = target(integration, Map.of("events", List.of("job_started")));
            issueRun(integration).start();

            JsonNode delivered = awaitDelivered(integration, target, 1).get(0);
            assertThat(delivered.get("attempts").asInt()).isEqualTo(3);
            assertThat(delivered.get("responseStatus").asInt()).isEqualTo(201);
        }

        @Test
        void aRefusal_isNotRetried_andTheHistorySaysWhy() {
            PROVIDER.stubFor(post(urlPathEqualTo("/repos/acme/shop/issues/42/comments"))
                    .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));
            String integration = github();
            String target = target(integration, Map.of("events", List.of("job_started")));
            issueRun(integration).start();
            JsonNode entry = await().atMost(Duration.ofSeconds(20))
                    .until(
                            () -> history(integration, target),
                            h -> h.size() == 1
                                    && h.get(0).get("status").asText().equals("dead"))
                    .get(0);
            assertThat(entry.get("attempts").asInt()).isEqualTo(1);
            assertThat(entry.get("lastError").asText()).contains("HTTP 404").contains("Not Found");
        }

        @Test
        void theTokenIsNeverShown_andTicketsFromElsewhereGetNoComments() {
            String integration = github();
            String target = target(integration, Map.of("apiToken", "ghp_target_specific_token_value"));
            assertThat(api.get("/api/integrations/" + integration + "/webhooks/outbound/" + target)
                            .body())
                    .doesNotContain("ghp_target_specific_token_value")
                    .contains("\"hasApiToken\":true");
            String ticket = fixtures.executableTicket(project, "Made in the dashboard");
            String job = fixtures.run(ticket, clanker).get("id").asText();
            new Run(job).start();
            await().pollDelay(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> true);
            assertThat(history(integration, target)).isEmpty();
        }
    }

    @Nested
    class Custom {
        @Test
        void everyRunReachesACustomTarget_signedAndAuthenticated() {
            String integration = integrations.integration("custom", Map.of(), null);
            String target = target(
                    integration,
                    Map.of(
                            "name",
                            "Audit sink",
                            "targetUrl",
                            PROVIDER.baseUrl() + "/hooks/viberglass",
                            "method",
                            "PUT",
                            "headers",
                            Map.of("X-Team", "shop"),
                            "auth",
                            Map.of("type", "bearer", "token", "sink-token-123"),
                            "signingSecret",
                            "signing-secret-0123456789",
                            "projectId",
                            project));
            String ticket = fixtures.executableTicket(project, "Any ticket");
            Run run = new Run(fixtures.run(ticket, clanker).get("id").asText());
            run.start();
            run.finish(success("https://github.com/acme/shop/pull/9"));
            List<JsonNode> history = awaitDelivered(integration, target, 3);
            assertThat(history)
                    .extracting(h -> h.get("eventType").asText())
                    .containsExactlyInAnyOrder("job_started", "job_ended", "pull_request_opened");

            List<LoggedRequest> calls = PROVIDER.findAll(putRequestedFor(urlPathEqualTo("/hooks/viberglass")));
            assertThat(calls).hasSize(3);
            for (LoggedRequest call : calls) {
                byte[] body = call.getBody();
                assertThat(call.getHeader("X-Viberglass-Signature"))
                        .isEqualTo(Hmac.prefixedHex(Hmac.Algorithm.SHA256, "signing-secret-0123456789", body));
                assertThat(call.getHeader("Authorization")).isEqualTo("Bearer sink-token-123");
                assertThat(call.getHeader("X-Team")).isEqualTo("shop");
                assertThat(call.getHeader("X-Viberglass-Delivery")).isNotBlank();
            }
            JsonNode ended = calls.stream()
                    .map(c -> json(c.getBodyAsString()))
                    .filter(b -> b.get("eventType").asText().equals("job_ended"))
                    .findFirst()
                    .orElseThrow();
            assertThat(ended.at("/job/id").asText()).isEqualTo(run.jobId());
            assertThat(ended.at("/result/success").asBoolean()).isTrue();
            assertThat(ended.at("/result/pullRequestUrl").asText()).isEqualTo("https://github.com/acme/shop/pull/9");

            String view = api.get("/api/integrations/" + integration + "/webhooks/outbound/" + target)
                    .body();
            assertThat(view).doesNotContain("sink-token-123").doesNotContain("signing-secret-0123456789");
        }

        @Test
        void testSend_postsASignedSampleEvent_andReportsTheAnswer() {
            String integration = integrations.integration("custom", Map.of(), null);
            String target = target(
                    integration,
                    Map.of(
                            "name",
                            "Checker",
                            "targetUrl",
                            PROVIDER.baseUrl() + "/check",
                            "signingSecret",
                            "another-signing-secret",
                            "auth",
                            Map.of("type", "header", "headerName", "X-Api-Key", "headerValue", "k-1")));
            JsonNode result = api.post(
                            "/api/integrations/" + integration + "/webhooks/outbound/" + target + "/test", Map.of())
                    .expect(200)
                    .json();
            assertThat(result.get("success").asBoolean()).isTrue();
            LoggedRequest call =
                    PROVIDER.findAll(postRequestedFor(urlPathEqualTo("/check"))).get(0);
            assertThat(call.getHeader("X-Viberglass-Event")).isEqualTo("test");
            assertThat(call.getHeader("X-Api-Key")).isEqualTo("k-1");
            assertThat(history(integration, target)).hasSize(1);
        }

        @Test
        void invalidTargets_are400() {
            String integration = integrations.integration("custom", Map.of(), null);
            String base = "/api/integrations/" + integration + "/webhooks/outbound";
            api.post(base, Map.of("name", "No URL")).expect(400);
            api.post(base, Map.of("name", "Bad", "targetUrl", "ftp://x")).expect(400);
            api.post(base, Map.of("name", "Bearer", "targetUrl", "https://x.test", "auth", Map.of("type", "bearer")))
                    .expect(400);
            api.post(base, Map.of("name", "H", "targetUrl", "https://x.test", "headers", Map.of("Authorization", "x")))
                    .expect(400);
            api.post(base, Map.of("name", "R", "targetUrl", "https://x.test", "retryPolicy", Map.of("maxAttempts", 50)))
                    .expect(400);
        }

        @Test
        void approvalRequested_reachesTheTarget() {
            String integration = integrations.integration("custom", Map.of(), null);
            String target = target(
                    integration,
                    Map.of(
                            "name",
                            "Reviews",
                            "targetUrl",
                            PROVIDER.baseUrl() + "/reviews",
                            "events",
                            List.of("approval_requested"),
                            "projectId",
                            project));
            String ticket = api.post("/api/tickets", Map.of("projectId", project, "title", "Plan me"))
                    .expect(201)
                    .json()
                    .get("id")
                    .asText();
            api.put(
                            "/api/tickets/" + ticket + "/phases/research/document",
                            Map.of("content", "# Research\n\nDone by hand."))
                    .expect(200);
            awaitDelivered(integration, target, 1);
            JsonNode event = json(PROVIDER.findAll(postRequestedFor(urlPathEqualTo("/reviews")))
                    .get(0)
                    .getBodyAsString());
            assertThat(event.at("/approval/phase").asText()).isEqualTo("research");
            assertThat(event.at("/ticket/id").asText()).isEqualTo(ticket);
        }
    }

    @Nested
    class OtherProviders {
        @Test
        void jira_commentsInDocumentFormat_labels_andTransitions() {
            trust("jira:5b10a2844c20165700ede21g");
            String integration = integrations.integration(
                    "jira", Map.of("instanceUrl", PROVIDER.baseUrl(), "email", "bot@acme.test"), "jira-token");
            String target = target(integration, Map.of("events", List.of("job_ended"), "successTransitionId", "31"));
            String hook = integrations
                    .inbound(integration, project, SECRET, Map.of("autoExecute", true, "clankerId", clanker))
                    .get("id")
                    .asText();
            sender.jira(hook, SECRET, UUID.randomUUID().toString(), WebhookSender.fixture("jira/issue-created.json"))
                    .expect(202);
            Run run = new Run(awaitJob(hook));
            run.start();
            run.finish(success("https://github.com/acme/shop/pull/11"));
            awaitDelivered(integration, target, 1);
            PROVIDER.verify(postRequestedFor(urlPathEqualTo("/rest/api/3/issue/SHOP-17/comment"))
                    .withRequestBody(matchingJsonPath("$.body.type", equalTo("doc")))
                    .withRequestBody(matchingJsonPath("$.body.content[0].type", equalTo("heading"))));
            PROVIDER.verify(putRequestedFor(urlPathEqualTo("/rest/api/3/issue/SHOP-17"))
                    .withRequestBody(matchingJsonPath("$.update.labels[0].add", equalTo("fix-submitted"))));
            PROVIDER.verify(postRequestedFor(urlPathEqualTo("/rest/api/3/issue/SHOP-17/transitions"))
                    .withRequestBody(matchingJsonPath("$.transition.id", equalTo("31"))));
        }

        @Test
        void gitlab_notesAndLabels() {
            trust("gitlab:root");
            String integration = integrations.integration(
                    "gitlab", Map.of("projectPath", "acme/shop", "baseUrl", PROVIDER.baseUrl()), "glpat-token");
            String target = target(integration, Map.of("events", List.of("job_ended")));
            String hook = integrations
                    .inbound(integration, project, SECRET, Map.of("autoExecute", true, "clankerId", clanker))
                    .get("id")
                    .asText();
            sender.gitlab(
                            hook,
                            SECRET,
                            "Issue Hook",
                            UUID.randomUUID().toString(),
                            WebhookSender.fixture("gitlab/issue-open.json"))
                    .expect(202);
            Run run = new Run(awaitJob(hook));
            run.start();
            run.finish(success("https://gitlab.example.com/acme/shop/-/merge_requests/9"));
            awaitDelivered(integration, target, 1);
            PROVIDER.verify(postRequestedFor(urlPathEqualTo("/api/v4/projects/15/issues/23/notes"))
                    .withHeader("PRIVATE-TOKEN", equalTo("glpat-token")));
            PROVIDER.verify(putRequestedFor(urlPathEqualTo("/api/v4/projects/15/issues/23"))
                    .withRequestBody(matchingJsonPath("$.add_labels", equalTo("fix-submitted"))));
        }

        @Test
        void shortcut_commentsAndMovesTheStory() {
            trust("shortcut:56d8a839-1c52-437f-b981-c3a15a11d6d4");
            String integration = integrations.integration("shortcut", Map.of("apiUrl", PROVIDER.baseUrl()), "sc-token");
            String target =
                    target(integration, Map.of("events", List.of("job_ended"), "successWorkflowStateId", 500000010));
            String hook = integrations
                    .inbound(integration, project, SECRET, Map.of("autoExecute", true, "clankerId", clanker))
                    .get("id")
                    .asText();
            sender.shortcut(hook, SECRET, WebhookSender.fixture("shortcut/story-created.json"))
                    .expect(202);
            Run run = new Run(awaitJob(hook));
            run.start();
            run.finish(success("https://github.com/acme/shop/pull/12"));
            awaitDelivered(integration, target, 1);
            PROVIDER.verify(postRequestedFor(urlPathEqualTo("/api/v3/stories/1234/comments"))
                    .withHeader("Shortcut-Token", equalTo("sc-token")));
            PROVIDER.verify(putRequestedFor(urlPathEqualTo("/api/v3/stories/1234"))
                    .withRequestBody(matchingJsonPath("$.workflow_state_id", equalTo("500000010"))));
        }
    }

    /** Lists the fixture's author in the project's trust rules: these providers do not state repository membership. */
    private void trust(String identity) {
        api.put(
                        "/api/projects/" + project + "/trust",
                        Map.of("trustedIdentities", List.of(identity), "trustRepositoryMembers", true))
                .expect(200);
    }

    /** A job the test drives as its worker would. */
    private final class Run {
        private final String jobId;
        private Api as;

        Run(String jobId) {
            this.jobId = jobId;
        }

        String jobId() {
            return jobId;
        }

        void start() {
            RecordingWorker.Invocation worker = WORKER.awaitInvocation(jobId);
            as = api.withHeader("X-Callback-Token", worker.token()).withHeader("X-Tenant-Id", worker.tenant());
            as.get("/api/jobs/" + jobId + "/bootstrap").expect(200);
        }

        void finish(Map<String, Object> result) {
            as.post("/api/jobs/" + jobId + "/result", result).expect(200);
        }
    }

    private String github() {
        return integrations.integration(
                "github", Map.of("owner", "acme", "repo", "shop", "apiUrl", PROVIDER.baseUrl()), TOKEN);
    }

    /** A run started by a GitHub issues.opened delivery on an auto-executing webhook. */
    private Run issueRun(String integration) {
        String hook = integrations
                .inbound(integration, project, SECRET, Map.of("autoExecute", true, "clankerId", clanker))
                .get("id")
                .asText();
        sender.github(
                        hook,
                        SECRET,
                        "issues",
                        UUID.randomUUID().toString(),
                        WebhookSender.fixture("github/issues-opened.json"))
                .expect(202);
        return new Run(awaitJob(hook));
    }

    private String awaitJob(String hook) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> jdbi("select job_id::text from webhook_deliveries where config_id = '" + hook
                                + "' and job_id is not null"),
                        id -> id != null);
    }

    private String target(String integration, Map<String, Object> settings) {
        Map<String, Object> body = new HashMap<>(settings);
        return api.post("/api/integrations/" + integration + "/webhooks/outbound", body)
                .expect(201)
                .json()
                .get("id")
                .asText();
    }

    private List<JsonNode> history(String integration, String target) {
        List<JsonNode> entries = new ArrayList<>();
        api.get("/api/integrations/" + integration + "/webhooks/outbound/" + target + "/deliveries")
                .expect(200)
                .json()
                .get("data")
                .forEach(entries::add);
        return entries;
    }

    private List<JsonNode> awaitDelivered(String integration, String target, int count) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> history(integration, target),
                        h -> h.stream()
                                        .filter(e -> e.get("status").asText().equals("delivered"))
                                        .count()
                                >= count);
    }

    private static Map<String, Object> success(String prUrl) {
        return Map.of(
                "success",
                true,
                "outcome",
                "succeeded",
                "branch",
                "viberator/fix-" + UUID.randomUUID().toString().substring(0, 6),
                "commitHash",
                "3b18e512dba79e4c8300dd08aeb37f8e728b8dad",
                "pullRequestUrl",
                prUrl,
                "changedFiles",
                List.of("src/checkout.js"),
                "executionTimeMs",
                4200);
    }

    private static String jdbi(String sql) {
        return org.jdbi.v3.core.Jdbi.create(DB.dataSource())
                .withHandle(
                        h -> h.createQuery(sql).mapTo(String.class).findFirst().orElse(null));
    }

    private static JsonNode json(String text) {
        try {
            return io.viberglass.common.json.Json.newMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(WORKER.overrides()));
        all.add(ConfigOverride.config("webhooks.pollInterval", "100ms"));
        all.add(ConfigOverride.config("feedback.pollInterval", "100ms"));
        all.add(ConfigOverride.config("feedback.providerBackoff", "100ms"));
        return all.toArray(ConfigOverride[]::new);
    }

    private static WireMockServer start() {
        WireMockServer server =
                new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }
}
